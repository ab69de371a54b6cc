import { SLOT_MINUTES, type AvailabilityWindow } from '@sunshine/shared';

/**
 * Pure calendar arithmetic for appointment slots. Availability is published in China
 * Standard Time (UTC+8, no daylight saving), slots are 30 minutes, and a slot is identified
 * by its start instant. No clock reads: callers pass `now`.
 */
const CST_OFFSET_MS = 8 * 3600_000;
const SLOT_MS = SLOT_MINUTES * 60_000;
const DAY_MS = 86400_000;

/** How far ahead a customer may book. */
export const BOOKING_HORIZON_DAYS = 30;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The CST calendar day of an instant, `YYYY-MM-DD`. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight CST of a `YYYY-MM-DD` day, as an instant. */
export function cstMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CST_OFFSET_MS);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a CST day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** `YYYY-MM-DD HH:mm` in CST, for messages. */
export function cstLabel(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The slot starts a set of windows offers on one CST day, ascending and without duplicates. */
export function slotsOnDay(windows: readonly AvailabilityWindow[], day: string): Date[] {
  const weekday = isoWeekday(day);
  const midnight = cstMidnight(day).getTime();
  const starts = new Set<number>();
  for (const w of windows) {
    if (w.weekday !== weekday) continue;
    for (let m = minutesOf(w.start); m + SLOT_MINUTES <= minutesOf(w.end); m += SLOT_MINUTES) {
      starts.add(midnight + m * 60_000);
    }
  }
  return [...starts].sort((a, b) => a - b).map((t) => new Date(t));
}

/** Bookable slot starts from `fromDay` for `days` days: published, in the future, within the horizon. */
export function upcomingSlots(windows: readonly AvailabilityWindow[], fromDay: string, days: number, now: Date): Date[] {
  const first = cstMidnight(fromDay).getTime();
  const out: Date[] = [];
  for (let i = 0; i < days; i++) {
    const day = cstDay(new Date(first + i * DAY_MS));
    for (const s of slotsOnDay(windows, day)) if (isBookable(windows, s, now)) out.push(s);
  }
  return out;
}

/** True when `start` begins a published slot that is still ahead and within the horizon. */
export function isBookable(windows: readonly AvailabilityWindow[], start: Date, now: Date): boolean {
  const t = start.getTime();
  if (Number.isNaN(t) || t % SLOT_MS !== 0) return false;
  if (t <= now.getTime() || t > now.getTime() + BOOKING_HORIZON_DAYS * DAY_MS) return false;
  return slotsOnDay(windows, cstDay(start)).some((s) => s.getTime() === t);
}

export function slotEnd(start: Date): Date {
  return new Date(start.getTime() + SLOT_MS);
}

/** The SlotClaim key of a manager's slot. */
export function slotKey(managerId: string, start: Date): string {
  return `${managerId}:${start.toISOString()}`;
}

/** When a reminder for a slot is due: `leadSec` before it starts, or now if that has passed. */
export function reminderDueAt(start: Date, leadSec: number, now: Date): Date {
  return new Date(Math.max(now.getTime(), start.getTime() - leadSec * 1000));
}

/**
 * Calendar periods in China time (UTC+8, no daylight saving), as the bank counts them:
 * days as `YYYY-MM-DD`, weeks starting on Monday.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first day (China time) of the week and of the month that contain `now`. */
export function chinaPeriods(now: Date): { weekStart: string; monthStart: string; since: string } {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday = 0
  const weekStart = new Date(local.getTime() - weekday * DAY_MS).toISOString().slice(0, 10);
  const monthStart = `${local.toISOString().slice(0, 7)}-01`;
  return { weekStart, monthStart, since: weekStart < monthStart ? weekStart : monthStart };
}

/** The instant a China-time day starts. */
export function chinaDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/**
 * Calendar dates as the bank writes them: China time (UTC+8, no daylight saving), YYYY-MM-DD.
 * The credit engine never reads the clock; these helpers turn "now" into its `asOf`.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The date in China at instant `at`. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole years from `from` to `to` (both YYYY-MM-DD); the anniversary counts; never negative. */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4)) - (to.slice(5) < from.slice(5) ? 1 : 0);
  return Math.max(0, years);
}

/** Days from `from` to `to` (YYYY-MM-DD), by the calendar. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `date` shifted by `months` calendar months (day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const first = new Date(Date.UTC(y, m, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

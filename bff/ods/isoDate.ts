/**
 * Calendar dates as `YYYY-MM-DD` strings, the form business dates take in ODS file names,
 * CSV columns and documents. Arithmetic is done on UTC day numbers so that no time zone or
 * daylight-saving rule can shift a business date.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Days since 1970-01-01 (UTC). Memoised, both ways: generating a million households converts
 * a few dozen dates each, but only among ~40,000 distinct calendar days.
 */
const dayCache = new Map<string, number>();
const isoCache = new Map<number, string>();

export function dayNumber(isoDate: string): number {
  let day = dayCache.get(isoDate);
  if (day === undefined) {
    if (!isIsoDate(isoDate)) throw new Error(`not a date: ${isoDate}`);
    day = Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
    dayCache.set(isoDate, day);
  }
  return day;
}

export function fromDayNumber(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

export function addDays(isoDate: string, days: number): string {
  return fromDayNumber(dayNumber(isoDate) + days);
}

/** `count` consecutive dates ending with `last`, oldest first. */
export function dateRangeEndingAt(last: string, count: number): string[] {
  const end = dayNumber(last);
  return Array.from({ length: count }, (_, i) => fromDayNumber(end - count + 1 + i));
}

/** Whole years between a birth date and a reference date (the age on that date). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

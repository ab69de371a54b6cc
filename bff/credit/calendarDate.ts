/**
 * Calendar dates as the spec writes them (`YYYY-MM-DD`), parsed by hand.
 *
 * Why by hand: the engine must never read the clock, and the built-in Date constructor both
 * invites a clock read and is lenient in ways we do not want (it rolls 2023-02-30 over to
 * 2 March). Here a date is three integers and a day number, nothing else.
 *
 * The date schema and the text-level helpers used per evaluation (`dayNumberOf`, `ageOn`) live
 * here so their hot calls stay inside this module (see money.ts on tsx's export getters).
 */
import { z } from 'zod';

/** A validated calendar date (proleptic Gregorian). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

/** Leap years of the Gregorian calendar: every 4th year, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in a month, February depending on the year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Value of the ASCII digit at `index`, or -1 when it is not a digit. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * `YYYY-MM-DD` as the integer YYYYMMDD, or -1 when the text is malformed or names a day that does
 * not exist (2023-02-30, 2023-13-01, 0000-01-01: there is no year zero).
 *
 * Character by character and allocation-free rather than a regular expression and an object: it
 * runs eight times per evaluation (schema and derived facts), and this is several times faster.
 * Packed dates compare like dates, and (month, day) is simply `packed % 10000`.
 */
export function packCalendarDate(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1; // 45 is '-'
  const y1 = digitAt(text, 0);
  const y2 = digitAt(text, 1);
  const y3 = digitAt(text, 2);
  const y4 = digitAt(text, 3);
  const m1 = digitAt(text, 5);
  const m2 = digitAt(text, 6);
  const d1 = digitAt(text, 8);
  const d2 = digitAt(text, 9);
  if ((y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) < 0) return -1;
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** The calendar date of `YYYY-MM-DD`, or null when it is malformed or does not exist. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const packed = packCalendarDate(text);
  if (packed < 0) return null;
  return { year: Math.floor(packed / 10000), month: Math.floor(packed / 100) % 100, day: packed % 100 };
}

/** True when the text is a real calendar date in `YYYY-MM-DD` form. */
export function isCalendarDate(text: string): boolean {
  return packCalendarDate(text) >= 0;
}

/** `YYYY-MM-DD` naming a day that exists. */
export const calendarDateSchema = z.string().refine(isCalendarDate, { message: 'must be a calendar date written YYYY-MM-DD' });

/** Packs a date the schema already accepted; a failure here is a bug, not bad input. */
function packValidated(text: string): number {
  const packed = packCalendarDate(text);
  if (packed < 0) throw new Error(`unvalidated date reached the engine: ${text}`);
  return packed;
}

/**
 * Days since 1970-01-01 (negative before it). Howard Hinnant's `days_from_civil`, pure integer
 * arithmetic, so day differences are exact and independent of time zones and DST.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function dayNumber(date: CalendarDate): number {
  return daysFromCivil(date.year, date.month, date.day);
}

/** Day number of a packed date (see `packCalendarDate`). */
export function packedDayNumber(packed: number): number {
  return daysFromCivil(Math.floor(packed / 10000), Math.floor(packed / 100) % 100, packed % 100);
}

/**
 * Whole years from `birth` to `on`, both packed. The birthday itself counts (born 2000-06-15 is
 * 18 on 2018-06-15), which is a plain comparison of (month, day) pairs: MMDD = packed % 10000.
 *
 * A 29 February birthday is reached on 1 March in common years: 0301 is the first (month, day)
 * not before 0229. So nobody comes of age a day early, and the 65/66 boundary moves by the same
 * day, consistently.
 */
export function packedAgeInWholeYears(birth: number, on: number): number {
  const years = Math.floor(on / 10000) - Math.floor(birth / 10000);
  return on % 10000 < birth % 10000 ? years - 1 : years;
}

/** Day number of a validated `YYYY-MM-DD`. */
export function dayNumberOf(text: string): number {
  return packedDayNumber(packValidated(text));
}

/** Whole years from a validated birth date to a validated date; see `packedAgeInWholeYears`. */
export function ageOn(birthDate: string, on: string): number {
  return packedAgeInWholeYears(packValidated(birthDate), packValidated(on));
}

/** Whole years from `birth` to `on`; see `packedAgeInWholeYears`. */
export function ageInWholeYears(birth: CalendarDate, on: CalendarDate): number {
  const pack = (d: CalendarDate) => d.year * 10000 + d.month * 100 + d.day;
  return packedAgeInWholeYears(pack(birth), pack(on));
}

/** Inverse of `dayNumber` (Hinnant's `civil_from_days`), for generating test and bench dates. */
export function fromDayNumber(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `YYYY-MM-DD` of a calendar date. */
export function formatCalendarDate(date: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The date `days` days after `text` (before, when negative). */
export function addDays(text: string, days: number): string {
  const date = parseCalendarDate(text);
  if (date === null) throw new Error(`not a calendar date: ${text}`);
  return formatCalendarDate(fromDayNumber(dayNumber(date) + days));
}

/**
 * The hand-made calendar: strict parsing, day numbers, and ages with birthdays.
 */
import { addDays, ageInWholeYears, dayNumber, fromDayNumber, isCalendarDate, parseCalendarDate } from './calendarDate';

const date = (text: string) => {
  const parsed = parseCalendarDate(text);
  if (parsed === null) throw new Error(text);
  return parsed;
};

describe('parseCalendarDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2023-12-31', '1900-02-28', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2023-04-31',
    '2023-00-10',
    '2023-13-01',
    '2023-01-00',
    '0000-01-01',
    '2023-1-01',
    ' 2023-01-01',
    '2023-01-01 ',
    '',
  ])('refuses %p', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });
});

describe('dayNumber', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['2024-06-30', 19_904],
  ])('%s → %i', (text, days) => {
    expect(dayNumber(date(text))).toBe(days);
  });

  it('agrees with Date.UTC and round-trips, every day from 1900 to 2100', () => {
    const mismatches: number[] = [];
    for (let days = dayNumber(date('1900-01-01')); days <= dayNumber(date('2100-12-31')); days++) {
      // Plain comparisons, not expect(): 73,000 expect() calls take seconds.
      const d = fromDayNumber(days);
      if (dayNumber(d) !== days || Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 !== days) mismatches.push(days);
    }
    expect(mismatches).toEqual([]);
  });

  it('addDays crosses months and leap days', () => {
    expect(addDays('2024-03-01', -30)).toBe('2024-01-31');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('ageInWholeYears', () => {
  it.each([
    ['2000-06-15', '2018-06-14', 17],
    ['2000-06-15', '2018-06-15', 18], // the spec's example: the birthday counts
    ['2000-06-15', '2018-06-16', 18],
    ['2004-02-29', '2022-02-28', 17],
    ['2004-02-29', '2022-03-01', 18],
    ['2004-02-29', '2024-02-28', 19],
    ['2004-02-29', '2024-02-29', 20],
    ['2000-12-31', '2001-01-01', 0],
    ['2030-01-01', '2024-06-30', -6],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageInWholeYears(date(birth), date(on))).toBe(age);
  });
});

import { chinaDay, chinaDayStart, chinaPeriods } from './chinaCalendar';

describe('China-time calendar', () => {
  it.each([
    // [now, weekStart, monthStart]
    ['2026-12-02T02:00:00Z', '2026-11-30', '2026-12-01'], // Wednesday
    ['2026-11-29T16:30:00Z', '2026-11-30', '2026-11-01'], // Monday 00:30 in China, still Sunday in UTC
    ['2026-11-29T15:59:59Z', '2026-11-23', '2026-11-01'], // Sunday 23:59:59 in China
    ['2026-11-30T16:00:00Z', '2026-11-30', '2026-12-01'], // 1 December 00:00 in China, a Tuesday
    ['2027-01-03T04:00:00Z', '2026-12-28', '2027-01-01'], // a week across the new year
  ])('at %s the week starts %s and the month %s', (now, week, month) => {
    const p = chinaPeriods(new Date(now));
    expect([p.weekStart, p.monthStart]).toEqual([week, month]);
    expect(p.since).toBe(week < month ? week : month);
  });

  it('maps instants to China days and back', () => {
    expect(chinaDay(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(chinaDayStart('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
});

import { cstDay, cstMidnight, isBookable, isoWeekday, reminderDueAt, slotsOnDay, upcomingSlots } from './slotCalendar';

// 2026-12-07 is a Monday.
const MONDAY = [{ weekday: 1, start: '09:00', end: '10:30' }];

describe('slotCalendar', () => {
  it('reads days and weekdays in China Standard Time', () => {
    expect(cstDay(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
    expect(cstDay(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(cstMidnight('2026-12-07').toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
  });

  it('splits a window into 30-minute slots, deduplicating overlapping windows', () => {
    const slots = slotsOnDay([...MONDAY, { weekday: 1, start: '10:00', end: '11:00' }], '2026-12-07');
    expect(slots.map((s) => s.toISOString())).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-07T01:30:00.000Z',
      '2026-12-07T02:00:00.000Z',
      '2026-12-07T02:30:00.000Z',
    ]);
    expect(slotsOnDay(MONDAY, '2026-12-08')).toEqual([]);
  });

  it('offers only future slots within the horizon', () => {
    const now = new Date('2026-12-07T01:10:00Z'); // 09:10 CST on the Monday
    const slots = upcomingSlots(MONDAY, '2026-12-07', 8, now).map((s) => s.toISOString());
    expect(slots).toEqual([
      '2026-12-07T01:30:00.000Z',
      '2026-12-07T02:00:00.000Z',
      '2026-12-14T01:00:00.000Z',
      '2026-12-14T01:30:00.000Z',
      '2026-12-14T02:00:00.000Z',
    ]);
    expect(isBookable(MONDAY, new Date('2026-12-07T01:00:00Z'), now)).toBe(false); // started
    expect(isBookable(MONDAY, new Date('2026-12-07T01:45:00Z'), now)).toBe(false); // not a slot start
    expect(isBookable(MONDAY, new Date('2027-02-01T01:00:00Z'), now)).toBe(false); // beyond 30 days
    expect(isBookable(MONDAY, new Date('2026-12-14T01:00:00Z'), now)).toBe(true);
  });

  it('schedules the reminder lead time before the slot, never in the past', () => {
    const start = new Date('2026-12-07T02:00:00Z');
    expect(reminderDueAt(start, 3600, new Date('2026-12-06T00:00:00Z')).toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(reminderDueAt(start, 3600, new Date('2026-12-07T01:30:00Z')).toISOString()).toBe('2026-12-07T01:30:00.000Z');
  });
});

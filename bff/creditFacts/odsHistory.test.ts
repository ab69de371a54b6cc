import { sampleDates } from './odsHistory';

describe('sampleDates', () => {
  it('keeps the last imported date of each month, the latest date included', () => {
    expect(sampleDates(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-29', '2026-12-01', '2026-12-02'])).toEqual([
      '2026-10-31',
      '2026-11-29',
      '2026-12-02',
    ]);
    expect(sampleDates([])).toEqual([]);
  });
});

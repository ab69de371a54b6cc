import { chinaClock, chinaToday, figureLine, presetPeriod, stageBars, wan } from './funnelView';
import { figuresBody } from './testFixtures';

it('reads today and instants in China time', () => {
  expect(chinaToday(new Date('2026-12-02T16:30:00Z'))).toBe('2026-12-03');
  expect(chinaClock('2026-12-02T16:30:00.000Z')).toBe('2026-12-03 00:30');
});

it.each([
  ['this_month', '2026-03-15', { from: '2026-03-01', to: '2026-03-15' }],
  ['last_month', '2026-03-15', { from: '2026-02-01', to: '2026-02-28' }],
  ['last_month', '2026-01-05', { from: '2025-12-01', to: '2025-12-31' }],
  ['last_30_days', '2026-03-15', { from: '2026-02-14', to: '2026-03-15' }],
  ['this_year', '2026-03-15', { from: '2026-01-01', to: '2026-03-15' }],
] as const)('preset %s on %s', (key, today, period) => {
  expect(presetPeriod(key, today)).toEqual(period);
});

it('draws the stages against the largest one, and prints the figures', () => {
  const f = figuresBody({ visited: 4, filed: 8, approved: 2 });
  expect(stageBars(f).map((b) => [b.label, b.value, b.width])).toEqual([
    ['走访', 4, 50],
    ['建档', 8, 100],
    ['评估', 0, 0],
    ['审批通过', 2, 25],
    ['报送V7', 0, 0],
    ['签约', 0, 0],
    ['用信', 0, 0],
  ]);
  expect(stageBars(figuresBody()).every((b) => b.width === 0)).toBe(true);
  expect(figureLine(figuresBody({ visited: 1200 }))).toBe('走访 1,200 · 建档 0 · 评估 0 · 审批通过 0 · 报送V7 0 · 签约 0 · 用信 0');
  expect(wan(123_456)).toBe('12.35万');
  expect(wan(0)).toBe('0.00万');
});

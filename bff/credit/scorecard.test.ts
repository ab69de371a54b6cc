/**
 * Spec §2: every band edge of every factor, the grade cut-offs, and S01.
 */
import { evaluate } from './index';
import { sunshineV1 } from './models/sunshineV1';
import { bandPoints, compileBands, gradeFor } from './scorecard';
import { buildFacts, type DeepPartial } from './testing/buildFacts';
import { outcomeOf, pointsOf } from './testing/readDecision';
import type { ApplicantFacts } from './types';

const points = (factor: string, overrides: DeepPartial<ApplicantFacts>) => pointsOf(evaluate(buildFacts(overrides)), factor);

describe('education', () => {
  it.each([
    ['primary_or_below', 4],
    ['junior_high', 8],
    ['senior_high', 12],
    ['college', 15],
    ['bachelor_or_above', 18],
  ] as const)('%s → %i', (education, expected) => {
    expect(points('education', { education })).toBe(expected);
  });
});

describe('maritalStatus', () => {
  it.each([
    ['married', 12],
    ['single', 6],
    ['divorced', 4],
    ['widowed', 6],
  ] as const)('%s → %i', (maritalStatus, expected) => {
    expect(points('maritalStatus', { maritalStatus })).toBe(expected);
  });
});

describe('age (inclusive whole years; asOf 2024-06-30, born on the same day of the year)', () => {
  it.each([
    [17, 0],
    [18, 4],
    [25, 4],
    [26, 10],
    [35, 10],
    [36, 12],
    [50, 12],
    [51, 8],
    [60, 8],
    [61, 4],
    [65, 4],
    [66, 0],
    [90, 0],
  ])('age %i → %i', (age, expected) => {
    expect(points('age', { birthDate: `${2024 - age}-06-30` })).toBe(expected);
  });

  it('the day before the 26th birthday still scores as 25', () => {
    expect(points('age', { birthDate: '1998-07-01' })).toBe(4);
  });
});

describe('netAssets = totalAssets - totalDebt, [low, high)', () => {
  it.each([
    [100_000, 100_000.01, 0], // negative
    [100_000, 100_000, 4], // exactly 0
    [99_999.99, 0, 4],
    [100_000, 0, 10],
    [100_000.3, 0.3, 10], // computed in fen: exactly 100,000
    [299_999.99, 0, 10],
    [300_000, 0, 15],
    [599_999.99, 0, 15],
    [600_000, 0, 20],
    [999_999.99, 0, 20],
    [1_000_000, 0, 25],
    [1_200_000, 199_999.99, 25],
    [1_200_000, 200_000.01, 20],
  ])('assets %p, debt %p → %i', (totalAssets, totalDebt, expected) => {
    expect(points('netAssets', { totalAssets, totalDebt })).toBe(expected);
  });
});

describe('annualIncome, [low, high)', () => {
  it.each([
    [0, 3],
    [29_999.99, 3],
    [30_000, 8],
    [59_999.99, 8],
    [60_000, 12],
    [99_999.99, 12],
    [100_000, 16],
    [199_999.99, 16],
    [200_000, 20],
  ])('income %p → %i', (annualIncome, expected) => {
    expect(points('annualIncome', { annualIncome })).toBe(expected);
  });
});

describe('contribution', () => {
  const plain = { hasEBanking: false, wealthBalance: 0, customerSinceYears: 0 };

  it.each([
    [0, 0],
    [9_999.99, 0],
    [10_000, 3],
    [49_999.99, 3],
    [50_000, 6],
    [199_999.99, 6],
    [200_000, 8],
  ])('avgDailyDeposit12m %p → %i', (avgDailyDeposit12m, expected) => {
    expect(points('contribution', { relationship: { ...plain, avgDailyDeposit12m } })).toBe(expected);
  });

  it.each([
    [{ hasEBanking: true }, 2],
    [{ wealthBalance: 0.01 }, 1],
    [{ wealthBalance: 0 }, 0],
    [{ customerSinceYears: 4 }, 0],
    [{ customerSinceYears: 5 }, 2],
    [{ hasEBanking: true, wealthBalance: 1, customerSinceYears: 5 }, 5],
  ])('bonus %p → +%i', (bonus, expected) => {
    expect(points('contribution', { relationship: { ...plain, avgDailyDeposit12m: 0, ...bonus } })).toBe(expected);
  });

  it('is at most 13', () => {
    const best = { avgDailyDeposit12m: 1_000_000, hasEBanking: true, wealthBalance: 1, customerSinceYears: 30 };
    expect(points('contribution', { relationship: best })).toBe(13);
  });
});

describe('score', () => {
  it('lists exactly the six factors, in order, and sums them', () => {
    const decision = evaluate(buildFacts());
    expect(decision.factors).toEqual([
      { name: 'education', points: 12 },
      { name: 'maritalStatus', points: 12 },
      { name: 'age', points: 12 },
      { name: 'netAssets', points: 15 },
      { name: 'annualIncome', points: 12 },
      { name: 'contribution', points: 10 },
    ]);
    expect(decision.score).toBe(73);
  });

  it('reaches 100 at most', () => {
    const decision = evaluate(
      buildFacts({
        education: 'bachelor_or_above',
        birthDate: '1980-01-01',
        totalAssets: 2_000_000,
        totalDebt: 0,
        annualIncome: 300_000,
        relationship: { avgDailyDeposit12m: 300_000, hasEBanking: true, wealthBalance: 10, customerSinceYears: 10 },
      }),
    );
    expect(decision.score).toBe(100);
    expect(decision.grade).toBe('AAA');
  });

  it('is computed even when admission rejects', () => {
    const decision = evaluate(buildFacts({ checks: { blacklist: true } }));
    expect(decision.score).toBe(73);
    expect(decision.grade).toBe('A');
  });
});

describe('grade cut-offs', () => {
  it.each([
    [0, 'C'],
    [54, 'C'],
    [55, 'B'],
    [64, 'B'],
    [65, 'A'],
    [74, 'A'],
    [75, 'AA'],
    [84, 'AA'],
    [85, 'AAA'],
    [100, 'AAA'],
  ])('score %i → %s', (score, grade) => {
    expect(gradeFor(sunshineV1.grades, score).grade).toBe(grade);
  });

  // Default 73; primary school (-8), divorced (-8), no e-banking (-2) → 55.
  const at55 = { education: 'primary_or_below', maritalStatus: 'divorced', relationship: { hasEBanking: false } } as const;

  it('55 is grade B, no S01', () => {
    const decision = evaluate(buildFacts(at55));
    expect([decision.score, decision.grade, outcomeOf(decision, 'S01_SCORE_TOO_LOW')]).toEqual([55, 'B', null]);
    expect(decision.decision).toBe('pass');
  });

  it('54 is grade C and S01 rejects', () => {
    // Then a wealth product (+1) but under five years as a customer (-2) → 54.
    const decision = evaluate(buildFacts({ ...at55, relationship: { hasEBanking: false, wealthBalance: 0.01, customerSinceYears: 4 } }));
    expect([decision.score, decision.grade]).toEqual([54, 'C']);
    expect(decision.reasons).toEqual([{ code: 'S01_SCORE_TOO_LOW', outcome: 'reject', message: expect.any(String) }]);
    expect(decision.limitBreakdown).toBeNull();
  });
});

describe('bandPoints', () => {
  const bands = compileBands([
    { from: null, to: 10, points: 1 },
    { from: 10, to: 20, points: 2 },
    { from: 20, to: null, points: 3 },
  ]);
  it.each([
    [-5, 1],
    [9.99, 1],
    [10, 2],
    [19.99, 2],
    [20, 3],
    [1e9, 3],
  ])('%p → %i ([from, to))', (value, expected) => {
    expect(bandPoints(bands, value)).toBe(expected);
  });

  it('scores 0 outside every band and for a non-number', () => {
    expect(bandPoints(compileBands([{ from: 18, to: 26, points: 4 }]), 17)).toBe(0);
    expect(bandPoints(bands, undefined)).toBe(0);
  });
});

/**
 * Spec §3: the formula, the cap, existing credit loans, L01, when the breakdown is filled, and
 * amounts where naive floating point would land on the wrong side of a 1,000 boundary.
 */
import { compiledFor } from './compiledModel';
import type { AmountsInFen } from './derivedFacts';
import { evaluate } from './index';
import { computeLimit } from './limit';
import { sunshineV1 } from './models/sunshineV1';
import { buildFacts } from './testing/buildFacts';
import { codesOf, outcomeOf } from './testing/readDecision';
import type { Grade } from './types';

const compiled = compiledFor(sunshineV1).limit;

/** Breakdown for a grade and yuan amounts, straight from the limit module. */
function limitOf(grade: Grade, yuan: { totalAssets?: number; annualIncome?: number; existingCreditLoans?: number }) {
  const fen = (x = 0) => Math.round(x * 100);
  const amounts: AmountsInFen = {
    annualIncome: fen(yuan.annualIncome),
    totalAssets: fen(yuan.totalAssets),
    totalDebt: 0,
    existingCreditLoans: fen(yuan.existingCreditLoans),
    avgDailyDeposit12m: 0,
    wealthBalance: 0,
    netAssets: fen(yuan.totalAssets),
  };
  return computeLimit(compiled, grade, amounts);
}

describe('limit formula', () => {
  it('the default applicant: A base 50,000 + 10% of 500,000 + 30% of 80,000', () => {
    const decision = evaluate(buildFacts());
    expect(decision.limitBreakdown).toEqual({
      gradeBase: 50_000,
      assetTerm: 50_000,
      incomeTerm: 24_000,
      raw: 124_000,
      cap: 200_000,
      existingCreditLoans: 0,
      final: 124_000,
    });
    expect(decision.limit).toBe(124_000);
  });

  it.each([
    ['AAA', 100_000],
    ['AA', 80_000],
    ['A', 50_000],
    ['B', 20_000],
  ] as const)('grade %s has base %i', (grade, base) => {
    expect(limitOf(grade, {})).toMatchObject({ gradeBase: base, raw: base, final: base });
  });

  it('floors to a multiple of 1,000', () => {
    expect(limitOf('B', { totalAssets: 9_999.99 })).toMatchObject({ assetTerm: 999.999, raw: 20_999.999, final: 20_000 });
    expect(limitOf('B', { totalAssets: 10_000 })).toMatchObject({ final: 21_000 });
  });

  it.each([
    [199_999.99, 199_000],
    [200_000, 200_000],
    [200_000.01, 200_000],
    [10_000_000, 200_000],
  ])('caps raw at 200,000 (raw %p → %p)', (raw, final) => {
    // AAA base 100,000 plus asset term 0.1 × assets = raw - 100,000.
    const totalAssets = Math.round((raw - 100_000) * 1000) / 100;
    const breakdown = limitOf('AAA', { totalAssets });
    expect(breakdown.raw).toBe(raw);
    expect(breakdown.final).toBe(final);
    expect(breakdown.cap).toBe(200_000);
  });

  it.each([
    [0, 200_000],
    [0.01, 199_000],
    [50_000, 150_000],
    [50_000.01, 149_000],
    [199_000, 1_000],
    [199_000.01, 0],
    [200_000, 0],
    [250_000, 0], // negative → 0, not -50,000
  ])('subtracts existing credit loans after the cap (%p → %p)', (existingCreditLoans, final) => {
    const breakdown = limitOf('AAA', { totalAssets: 5_000_000, existingCreditLoans });
    expect(breakdown).toMatchObject({ raw: 600_000, cap: 200_000, existingCreditLoans, final });
  });

  it('reports sub-fen terms exactly: 10% of 0.05 is 0.005', () => {
    expect(limitOf('B', { totalAssets: 0.05, annualIncome: 0.01 })).toMatchObject({ assetTerm: 0.005, incomeTerm: 0.003, raw: 20_000.008 });
  });
});

describe('exact arithmetic (float traps)', () => {
  it('0.1 × 1,234,567.89 is 123,456.789, not 123,456.78899999999', () => {
    expect(0.1 * 1_234_567.89).not.toBe(123_456.789); // the trap exists
    expect(limitOf('AAA', { totalAssets: 1_234_567.89 }).assetTerm).toBe(123_456.789);
  });

  it.each([
    // grade, assets, income, exact limit; naive `base + 0.1*assets + 0.3*income` floors 1,000 lower.
    ['AAA', 347_467.35, 144_177.55, 178_000],
    ['B', 696_585.7, 21_138.1, 96_000],
    ['A', 1_053_324.42, 8_891.86, 158_000],
    ['AA', 522_145.72, 19_284.76, 138_000],
  ] as const)('grade %s, assets %p, income %p → %p', (grade, totalAssets, annualIncome, final) => {
    const base = { AAA: 100_000, AA: 80_000, A: 50_000, B: 20_000 }[grade];
    expect(Math.floor((base + 0.1 * totalAssets + 0.3 * annualIncome) / 1000) * 1000).toBe(final - 1000);
    expect(limitOf(grade, { totalAssets, annualIncome }).final).toBe(final);
  });

  it('through evaluate: an AAA applicant lands on 178,000', () => {
    const decision = evaluate(
      buildFacts({
        education: 'bachelor_or_above',
        totalAssets: 347_467.35,
        totalDebt: 0,
        annualIncome: 144_177.55,
        relationship: { avgDailyDeposit12m: 200_000, hasEBanking: true, wealthBalance: 1, customerSinceYears: 6 },
      }),
    );
    expect([decision.grade, decision.decision, decision.limit]).toEqual(['AAA', 'pass', 178_000]);
    expect(decision.limitBreakdown).toMatchObject({ assetTerm: 34_746.735, incomeTerm: 43_253.265, raw: 178_000 });
  });
});

describe('L01_LIMIT_TOO_LOW (minimum 10,000)', () => {
  // Default raw is 124,000: loans of 114,000.01 leave 9,999.99 → 9,000.
  it.each([
    [114_000.01, 9_000, 'reject'],
    [114_000, 10_000, null],
    [124_000, 0, 'reject'],
    [130_000, 0, 'reject'],
  ])('existing loans %p → final %p, L01 %p', (existingCreditLoans, final, outcome) => {
    const decision = evaluate(buildFacts({ existingCreditLoans }));
    expect(outcomeOf(decision, 'L01_LIMIT_TOO_LOW')).toBe(outcome);
    expect(decision.limitBreakdown?.final).toBe(final);
    expect(decision.limit).toBe(outcome === null ? final : 0);
  });

  it('rejects even a review case, keeping the breakdown', () => {
    const decision = evaluate(buildFacts({ existingCreditLoans: 120_000, checks: { graylist: true } }));
    expect(codesOf(decision)).toEqual(['L01_LIMIT_TOO_LOW', 'R06_GRAYLIST']);
    expect(decision.decision).toBe('reject');
    expect(decision.limit).toBe(0);
    expect(decision.approvalLevels).toBe(0);
    expect(decision.limitBreakdown).toMatchObject({ final: 4_000 });
  });
});

describe('limitBreakdown: filled only when the limit was computed', () => {
  it.each([
    ['pass', {}, true],
    ['review (graylist)', { checks: { graylist: true } }, true],
    ['reject (blacklist)', { checks: { blacklist: true } }, false],
    ['incomplete (missing check)', { checks: { judicial: null } }, false],
    ['reject (S01)', { education: 'primary_or_below', maritalStatus: 'divorced', annualIncome: 0 }, false],
    ['reject (L01)', { existingCreditLoans: 200_000 }, true],
  ] as const)('%s → filled %p', (_label, overrides, filled) => {
    const decision = evaluate(buildFacts(overrides));
    expect(decision.limitBreakdown !== null).toBe(filled);
    if (!filled) expect(decision.limit).toBe(0);
  });

  it('a review keeps its limit', () => {
    const decision = evaluate(buildFacts({ checks: { provincialWarning: { level: 'medium' } } }));
    expect([decision.decision, decision.limit]).toEqual(['review', 124_000]);
  });
});

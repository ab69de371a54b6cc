/**
 * Spec §4: the worst outcome wins, reasons are ordered for reading, approvers are counted.
 */
import { approvalLevelsFor, sortReasons, worstOutcome } from './decision';
import { evaluate } from './index';
import { sunshineV1 } from './models/sunshineV1';
import { buildFacts } from './testing/buildFacts';
import { codesOf } from './testing/readDecision';
import type { Reason, ReasonOutcome } from './types';

const reason = (code: string, outcome: ReasonOutcome): Reason => ({ code, outcome, message: code });

describe('worstOutcome', () => {
  it.each([
    [[], 'pass'],
    [['review'], 'review'],
    [['review', 'incomplete'], 'incomplete'],
    [['incomplete', 'review', 'reject'], 'reject'],
    [['reject', 'incomplete'], 'reject'],
  ] as const)('%p → %s', (outcomes, expected) => {
    expect(worstOutcome(outcomes.map((outcome, i) => reason(`X${i}`, outcome)))).toBe(expected);
  });
});

describe('sortReasons: reject, incomplete, review; by code within each', () => {
  it('orders by outcome first, then by code', () => {
    const sorted = sortReasons([
      reason('R06_GRAYLIST', 'review'),
      reason('R10_CHECK_MISSING', 'incomplete'),
      reason('S01_SCORE_TOO_LOW', 'reject'),
      reason('R04_PROVINCIAL_WARNING', 'review'),
      reason('L01_LIMIT_TOO_LOW', 'reject'),
      reason('R01_BLACKLIST', 'reject'),
    ]);
    expect(sorted.map((r) => r.code)).toEqual([
      'L01_LIMIT_TOO_LOW',
      'R01_BLACKLIST',
      'S01_SCORE_TOO_LOW',
      'R10_CHECK_MISSING',
      'R04_PROVINCIAL_WARNING',
      'R06_GRAYLIST',
    ]);
  });

  it('in a real decision', () => {
    const decision = evaluate(
      buildFacts({
        totalDebt: 450_000, // ratio 0.9: reject
        checks: { graylist: true, internalWarningScore: 65, provincialWarning: null, blacklist: true },
      }),
    );
    expect(codesOf(decision)).toEqual(['R01_BLACKLIST', 'R09_DEBT_RATIO', 'R10_CHECK_MISSING', 'R05_INTERNAL_WARNING', 'R06_GRAYLIST']);
    expect(decision.decision).toBe('reject');
  });
});

describe('decision and limit', () => {
  it('no reasons: pass with the limit', () => {
    expect(evaluate(buildFacts())).toMatchObject({ decision: 'pass', reasons: [], limit: 124_000, modelVersion: 'sunshine-v1' });
  });

  it('incomplete beats review and blocks the limit', () => {
    const decision = evaluate(buildFacts({ checks: { graylist: true, judicial: null } }));
    expect(decision).toMatchObject({ decision: 'incomplete', limit: 0, limitBreakdown: null, approvalLevels: 0 });
    expect(codesOf(decision)).toEqual(['R10_CHECK_MISSING', 'R06_GRAYLIST']);
  });
});

describe('approvalLevels', () => {
  it.each(['reject', 'incomplete'] as const)('%s → 0, whatever the limit', (decision) => {
    expect(approvalLevelsFor(sunshineV1.approval, decision, 150_000)).toBe(0);
  });

  it.each([
    ['pass at 100,000 → 1 (not above)', { existingCreditLoans: 24_000 }, 'pass', 100_000, 1],
    ['pass at 101,000 → 2', { existingCreditLoans: 23_000 }, 'pass', 101_000, 2],
    ['pass at 10,000 → 1', { existingCreditLoans: 114_000 }, 'pass', 10_000, 1],
    ['review at 124,000 → 2', { checks: { graylist: true } }, 'review', 124_000, 2],
    ['review at 50,000 → 2', { existingCreditLoans: 74_000, checks: { graylist: true } }, 'review', 50_000, 2],
    ['reject → 0', { checks: { blacklist: true } }, 'reject', 0, 0],
    ['incomplete → 0', { checks: { provincialWarning: null } }, 'incomplete', 0, 0],
  ] as const)('%s', (_label, overrides, decisionOutcome, limit, levels) => {
    const decision = evaluate(buildFacts(overrides));
    expect([decision.decision, decision.limit, decision.approvalLevels]).toEqual([decisionOutcome, limit, levels]);
  });
});

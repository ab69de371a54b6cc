/**
 * Properties that hold for every valid applicant, checked with fast-check on generated facts
 * (testing/factsArbitrary.ts), plus agreement with an independent literal transcription of the
 * spec (testing/referenceSunshineV1.ts).
 */
import fc from 'fast-check';
import { evaluate } from './index';
import { applicantFactsArbitrary } from './testing/factsArbitrary';
import { referenceSunshineV1 } from './testing/referenceSunshineV1';
import type { CreditDecision, DecisionOutcome } from './types';

const RANK: Record<DecisionOutcome, number> = { reject: 0, incomplete: 1, review: 2, pass: 3 };
const FACTOR_NAMES = ['education', 'maritalStatus', 'age', 'netAssets', 'annualIncome', 'contribution'];
const RUNS = { numRuns: 1_000 };

/** Checks a property on each generated applicant's decision. */
const forEachDecision = (check: (decision: CreditDecision, facts: unknown) => void) =>
  fc.assert(
    fc.property(applicantFactsArbitrary, (facts) => check(evaluate(facts), facts)),
    RUNS,
  );

describe('for every valid applicant', () => {
  it('the limit is a multiple of 1,000 within [0, 200,000]', () => {
    forEachDecision((d) => {
      expect(d.limit % 1000).toBe(0);
      expect(d.limit).toBeGreaterThanOrEqual(0);
      expect(d.limit).toBeLessThanOrEqual(200_000);
    });
  });

  it('reject or incomplete ⇒ limit 0 and approvalLevels 0', () => {
    forEachDecision((d) => {
      if (d.decision === 'reject' || d.decision === 'incomplete') expect([d.limit, d.approvalLevels]).toEqual([0, 0]);
    });
  });

  it('pass or review ⇒ limit ≥ 10,000, equal to the breakdown, with 1 or 2 approvers', () => {
    forEachDecision((d) => {
      if (d.decision !== 'pass' && d.decision !== 'review') return;
      expect(d.limit).toBeGreaterThanOrEqual(10_000);
      expect(d.limit).toBe(d.limitBreakdown?.final);
      expect(d.approvalLevels).toBe(d.decision === 'review' || d.limit > 100_000 ? 2 : 1);
    });
  });

  it('the decision is the worst reason outcome (pass without reasons)', () => {
    forEachDecision((d) => {
      const worst = d.reasons.reduce<DecisionOutcome>((w, r) => (RANK[r.outcome] < RANK[w] ? r.outcome : w), 'pass');
      expect(d.decision).toBe(worst);
    });
  });

  it('the score is the sum of exactly the six factors, in order, within 0..100', () => {
    forEachDecision((d) => {
      expect(d.factors.map((f) => f.name)).toEqual(FACTOR_NAMES);
      expect(d.score).toBe(d.factors.reduce((sum, f) => sum + f.points, 0));
      expect(d.score).toBeGreaterThanOrEqual(0);
      expect(d.score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(d.score)).toBe(true);
    });
  });

  it('reasons are sorted reject, incomplete, review, then by code, each code at most once', () => {
    forEachDecision((d) => {
      for (let i = 1; i < d.reasons.length; i++) {
        const [a, b] = [d.reasons[i - 1], d.reasons[i]];
        if (a === undefined || b === undefined) throw new Error('unreachable');
        expect(RANK[a.outcome] < RANK[b.outcome] || (a.outcome === b.outcome && a.code < b.code)).toBe(true);
      }
      expect(new Set(d.reasons.map((r) => r.code)).size).toBe(d.reasons.length);
      for (const r of d.reasons) expect(r.message).toMatch(/\p{Script=Han}/u);
    });
  });

  it('the breakdown is filled exactly when no reason other than L01 blocks, and S01 matches grade C', () => {
    forEachDecision((d) => {
      const blockedBefore = d.reasons.some((r) => r.code !== 'L01_LIMIT_TOO_LOW' && (r.outcome === 'reject' || r.outcome === 'incomplete'));
      expect(d.limitBreakdown === null).toBe(blockedBefore);
      expect(d.grade === 'C').toBe(d.reasons.some((r) => r.code === 'S01_SCORE_TOO_LOW'));
    });
  });

  it('evaluation is deterministic and does not mutate its input', () => {
    fc.assert(
      fc.property(applicantFactsArbitrary, (facts) => {
        const before = structuredClone(facts);
        const first = evaluate(facts);
        expect(facts).toEqual(before);
        expect(evaluate(structuredClone(facts))).toEqual(first);
        expect(JSON.stringify(evaluate(facts))).toBe(JSON.stringify(first));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with an independent transcription of the spec', () => {
    fc.assert(
      fc.property(applicantFactsArbitrary, (facts) => {
        const d = evaluate(facts);
        const expected = referenceSunshineV1(facts);
        expect({
          decision: d.decision,
          reasons: d.reasons.map(({ code, outcome }) => ({ code, outcome })),
          score: d.score,
          grade: d.grade,
          factors: d.factors,
          limit: d.limit,
          final: d.limitBreakdown?.final ?? null,
          approvalLevels: d.approvalLevels,
        }).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
  });

  it('the generator reaches every decision, so the properties are not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(applicantFactsArbitrary, (facts) => {
        seen.add(evaluate(facts).decision);
      }),
      { numRuns: 1_000, seed: 42 },
    );
    expect([...seen].sort()).toEqual(['incomplete', 'pass', 'reject', 'review']);
  });
});

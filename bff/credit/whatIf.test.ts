import { evaluate } from './index';
import { getModel } from './modelRegistry';
import { buildFacts } from './testing/buildFacts';
import type { ApplicantFacts } from './types';
import { nextGradeGap, whatIf } from './whatIf';

const model = getModel('sunshine-v1');
const run = (facts: ApplicantFacts) => whatIf(facts, evaluate(facts), model);

describe('whatIf', () => {
  it('names the score bands that lift the default applicant (73, grade A) and the points the next grade needs', () => {
    const facts = buildFacts();
    const d = evaluate(facts);
    expect(nextGradeGap(d, model)).toEqual({ grade: 'AA', pointsNeeded: 2 });
    const income = run(facts).find((w) => w.fact === 'annualIncome');
    // Income 80,000 is in [60,000, 100,000): 100,000 moves it to the next band (+4 points).
    expect(income).toMatchObject({ kind: 'score_band', from: 80_000, to: 100_000, result: { score: 77, grade: 'AA' } });
    expect(income!.message).toBe('家庭年净收入达到100,000元可加4分，评级升至AA');
    const wealth = run(facts).find((w) => w.fact === 'relationship.wealthBalance');
    expect(wealth).toMatchObject({ kind: 'bonus', to: 1, result: { score: 74 } });
  });

  it('every suggestion is what the engine decides for the changed facts', () => {
    const facts = buildFacts({ totalDebt: 300_000, existingCreditLoans: 30_000 });
    for (const w of run(facts)) {
      const changed = structuredClone(facts) as unknown as Record<string, any>;
      const parts = w.fact.split('.');
      const last = parts.pop()!;
      let target = changed;
      for (const p of parts) target = target[p];
      target[last] = w.to;
      const d = evaluate(changed);
      expect({ decision: d.decision, score: d.score, grade: d.grade, limit: d.limit }).toEqual(w.result);
    }
  });

  it('gives the largest debt that clears a debt-ratio review', () => {
    const facts = buildFacts({ totalAssets: 500_000, totalDebt: 300_000 }); // 0.6 → review
    expect(evaluate(facts).decision).toBe('review');
    const debt = run(facts).find((w) => w.kind === 'debt_ratio');
    expect(debt).toMatchObject({ fact: 'totalDebt', to: 250_000, result: { decision: 'pass' } });
    expect(evaluate({ ...facts, totalDebt: 250_000.01 }).decision).toBe('review');
  });

  it('shows how far existing credit loans must fall when the limit is too low', () => {
    // Default raw limit 124,000: existing loans of 120,000 leave 4,000 (L01 rejects).
    const facts = buildFacts({ existingCreditLoans: 120_000 });
    expect(evaluate(facts).reasons.map((r) => r.code)).toEqual(['L01_LIMIT_TOO_LOW']);
    const w = run(facts).find((x) => x.kind === 'limit_too_low');
    expect(w).toMatchObject({ to: 114_000, result: { decision: 'pass', limit: 10_000 } });
  });

  it('suggests nothing for an applicant the facts cannot improve', () => {
    const top = buildFacts({
      education: 'bachelor_or_above',
      annualIncome: 300_000,
      totalAssets: 2_000_000,
      relationship: { avgDailyDeposit12m: 300_000, hasEBanking: true, wealthBalance: 5_000, customerSinceYears: 9 },
    });
    expect(run(top)).toEqual([]);
  });
});

/**
 * Models are versioned data: registered by version, frozen, and a v2 needs no engine change.
 */
import { CreditModelError, UnknownCreditModelError, evaluate, evaluateWithModel, getModel, models, type CreditModel } from './index';
import { buildFacts } from './testing/buildFacts';

/** A mutable deep copy of sunshine-v1 under another version, as a v2 data file would start. */
function variant(version: string): { -readonly [K in keyof CreditModel]: CreditModel[K] } {
  return { ...structuredClone(models['sunshine-v1']), version } as CreditModel;
}

describe('model registry', () => {
  it('returns sunshine-v1 by version', () => {
    expect(getModel('sunshine-v1')).toBe(models['sunshine-v1']);
    expect(getModel('sunshine-v1').version).toBe('sunshine-v1');
  });

  it('refuses an unknown version with a typed error', () => {
    expect(() => getModel('sunshine-v0')).toThrow(UnknownCreditModelError);
    expect(() => getModel('toString')).toThrow(UnknownCreditModelError);
  });

  it('freezes the policy data', () => {
    const model = models['sunshine-v1'];
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.limit.gradeBase)).toBe(true);
    expect(Object.isFrozen(model.admission[0]?.event)).toBe(true);
  });

  it('gives decisions that cannot edit the model', () => {
    const decision = evaluate(buildFacts({ checks: { blacklist: true } }));
    (decision.reasons[0] as { message: string }).message = 'changed';
    expect(evaluate(buildFacts({ checks: { blacklist: true } })).reasons[0]?.message).toBe('命中本行黑名单');
  });
});

describe('a sunshine-v2 as data', () => {
  it('changes numbers without touching the engine', () => {
    const v2 = variant('sunshine-v2');
    v2.limit = { ...v2.limit, cap: 300_000, assetCoefficient: { num: 1, den: 8 }, incomeCoefficient: { num: 1, den: 3 } };
    const facts = buildFacts({ totalAssets: 1_000_000, totalDebt: 0, annualIncome: 100_000 });
    const decision = evaluateWithModel(facts, v2);
    expect(decision.modelVersion).toBe('sunshine-v2');
    // Score 12 + 12 + 12 + 25 + 16 + 10 = 87 → AAA: 100,000 + 125,000 + 100,000/3 = 775,000/3,
    // reported as the nearest number, floored exactly to 258,000.
    expect(decision.grade).toBe('AAA');
    expect(decision.limitBreakdown).toMatchObject({
      assetTerm: 125_000,
      incomeTerm: 100_000 / 3,
      raw: 775_000 / 3,
      cap: 300_000,
      final: 258_000,
    });
    expect(evaluate(facts).limit).toBe(200_000);
  });

  it('can add a rule', () => {
    const v2 = variant('sunshine-v2');
    v2.admission = [
      ...v2.admission,
      {
        conditions: { all: [{ fact: 'maritalStatus', operator: 'in', value: ['divorced', 'widowed'] }] },
        event: { code: 'R11_HOUSEHOLD', outcome: 'review', message: '家庭情况需人工核实' },
      },
    ];
    expect(evaluateWithModel(buildFacts({ maritalStatus: 'widowed' }), v2).reasons).toEqual([
      { code: 'R11_HOUSEHOLD', outcome: 'review', message: '家庭情况需人工核实' },
    ]);
  });

  it('refuses a model whose passing grade has no base', () => {
    const broken = variant('broken');
    broken.limit = { ...broken.limit, gradeBase: { AAA: 1, AA: 1, A: 1 } };
    expect(() => evaluateWithModel(buildFacts(), broken)).toThrow(CreditModelError);
  });

  it('refuses a model whose grades do not cover a score of 0', () => {
    const broken = variant('broken');
    broken.grades = broken.grades.slice(0, 4);
    expect(() => evaluateWithModel(buildFacts(), broken)).toThrow(CreditModelError);
  });
});

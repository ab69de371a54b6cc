/**
 * Facts that break the shape never produce a decision: they throw a CreditFactsError whose
 * `field` names the first bad field, `fields` all of them, and whose message names it too.
 */
import { CreditFactsError, evaluate, validateFacts } from './index';
import { REMOVE, buildFacts, withFact } from './testing/buildFacts';

function errorOf(facts: unknown): CreditFactsError {
  try {
    evaluate(facts);
  } catch (error) {
    if (error instanceof CreditFactsError) return error;
    throw error;
  }
  throw new Error('expected a CreditFactsError, got a decision');
}

describe('refused facts name the field', () => {
  it.each([
    // kind, path, bad value
    ['missing field', 'asOf', REMOVE],
    ['missing nested field', 'checks.judicial.enforcement', REMOVE],
    ['missing check (null is required, not absent)', 'checks.provincialWarning', REMOVE],
    ['malformed date', 'asOf', '2024/06/30'],
    ['malformed date', 'asOf', '2024-6-30'],
    ['malformed date', 'birthDate', '19850315'],
    ['date with a time', 'asOf', '2024-06-30T00:00:00Z'],
    ['impossible date', 'asOf', '2023-02-30'],
    ['impossible date', 'birthDate', '1990-02-29'], // 1990 is not a leap year
    ['impossible date', 'birthDate', '1900-02-29'], // nor is 1900
    ['impossible date', 'checks.provincialWarning.checkedAt', '2024-06-31'],
    ['impossible date', 'checks.judicial.checkedAt', '2024-13-01'],
    ['impossible date', 'asOf', '0000-01-01'],
    ['date not a string', 'asOf', 20240630],
    ['unknown enum value', 'education', 'phd'],
    ['unknown enum value', 'maritalStatus', 'partner'],
    ['unknown enum value', 'checks.provincialWarning.level', 'severe'],
    ['negative amount', 'annualIncome', -1],
    ['negative amount', 'totalAssets', -0.01],
    ['negative amount', 'relationship.wealthBalance', -5],
    ['more than two decimals', 'totalDebt', 1000.001],
    ['more than two decimals', 'existingCreditLoans', 0.1 + 0.2],
    ['amount above one trillion', 'totalAssets', 1e12 + 1],
    ['NaN amount', 'annualIncome', Number.NaN],
    ['infinite amount', 'relationship.avgDailyDeposit12m', Number.POSITIVE_INFINITY],
    ['amount as a string', 'annualIncome', '80000'],
    ['score above 100', 'checks.internalWarningScore', 101],
    ['score below 0', 'checks.internalWarningScore', -1],
    ['score as a string', 'checks.internalWarningScore', '50'],
    ['non-integer overdueCount24m', 'checks.overdueCount24m', 1.5],
    ['negative overdueCount24m', 'checks.overdueCount24m', -1],
    ['non-integer customerSinceYears', 'relationship.customerSinceYears', 2.5],
    ['boolean as a string', 'checks.blacklist', 'false'],
    ['boolean as a number', 'relationship.hasEBanking', 1],
    ['boolean as null', 'checks.currentOverdue', null],
    ['object as a string', 'relationship', 'none'],
    ['check as a boolean', 'checks.judicial', false],
  ])('%s: %s = %p', (_kind, path, value) => {
    const error = errorOf(withFact(buildFacts(), path, value));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CreditFactsError');
    expect(error.id).toBe('credit.facts_invalid');
    expect(error.field).toBe(path);
    expect(error.fields).toEqual([path]);
    expect(error.message).toContain(path);
  });

  it('reports every bad field; `field` is the first in schema order', () => {
    let facts = withFact(buildFacts(), 'checks.overdueCount24m', 0.5);
    facts = withFact(facts, 'education', 'phd');
    facts = withFact(facts, 'asOf', '2023-02-30');
    const error = errorOf(facts);
    expect(error.field).toBe('asOf');
    expect(error.fields).toEqual(['asOf', 'education', 'checks.overdueCount24m']);
    expect(error.issues).toHaveLength(3);
  });

  it.each([
    ['nickname', '老王'],
    ['checks.creditBureau', 'ok'],
    ['checks.judicial.court', '泰兴市人民法院'],
  ])('ignores and drops the unknown key %s (every field is required, so a typo fails as missing)', (path, value) => {
    const facts = withFact(buildFacts(), path, value);
    expect(evaluate(facts)).toEqual(evaluate(buildFacts()));
    expect(JSON.stringify(validateFacts(facts))).not.toContain(String(value));
  });

  it('a misspelt field is refused as missing', () => {
    const facts = withFact(withFact(buildFacts(), 'checks.graylist', REMOVE), 'checks.greylist', false);
    expect(errorOf(facts).field).toBe('checks.graylist');
  });

  it.each([null, undefined, 'facts', 42, []])('refuses %p, which is not an object, with the empty path', (facts) => {
    const error = errorOf(facts);
    expect(error.field).toBe('');
    expect(error.message).toContain('(facts)');
  });

  it('accepts the boundaries of the shape', () => {
    const edge = buildFacts({
      birthDate: '2000-02-29',
      annualIncome: 0,
      totalAssets: 1e12,
      relationship: { wealthBalance: 0.01 },
      checks: { internalWarningScore: 100, overdueCount24m: 0 },
    });
    expect(() => evaluate(edge)).not.toThrow();
    expect(() => evaluate(buildFacts({ checks: { internalWarningScore: 0 } }))).not.toThrow();
    expect(() => evaluate(buildFacts({ checks: { internalWarningScore: 59.5 } }))).not.toThrow();
    expect(() => evaluate(withFact(buildFacts(), 'totalDebt', -0))).not.toThrow();
  });
});

/**
 * Spec §1, rule by rule: each rule firing and not firing at its edge.
 */
import { evaluate } from './index';
import { buildFacts, type DeepPartial } from './testing/buildFacts';
import { codesOf, outcomeOf } from './testing/readDecision';
import type { ApplicantFacts } from './types';

/** Evaluates the default applicant with overrides and returns the outcome of one rule. */
const fired = (code: string, overrides: DeepPartial<ApplicantFacts>) => outcomeOf(evaluate(buildFacts(overrides)), code);

/** Overrides that move the evaluation date and date both checks on it, so only age changes. */
const on = (asOf: string, birthDate: string): DeepPartial<ApplicantFacts> => ({
  asOf,
  birthDate,
  checks: { provincialWarning: { checkedAt: asOf }, judicial: { checkedAt: asOf } },
});

describe('the default applicant', () => {
  it('fires no rule', () => {
    expect(evaluate(buildFacts()).reasons).toEqual([]);
  });
});

describe('R01_BLACKLIST', () => {
  it.each([
    [true, 'reject'],
    [false, null],
  ])('blacklist %p → %p', (blacklist, outcome) => {
    expect(fired('R01_BLACKLIST', { checks: { blacklist } })).toBe(outcome);
  });

  it('says so in words a customer understands', () => {
    const reason = evaluate(buildFacts({ checks: { blacklist: true } })).reasons[0];
    expect(reason).toEqual({ code: 'R01_BLACKLIST', outcome: 'reject', message: '命中本行黑名单' });
  });
});

describe('R02_JUDICIAL', () => {
  it.each([
    [{ dishonestDebtor: true }, 'reject'],
    [{ enforcement: true }, 'reject'],
    [{ frozenAssets: true }, 'reject'],
    [{ dishonestDebtor: true, enforcement: true, frozenAssets: true }, 'reject'],
    [{}, null],
  ])('judicial %p → %p', (judicial, outcome) => {
    expect(fired('R02_JUDICIAL', { checks: { judicial } })).toBe(outcome);
  });

  it('does not fire on a missing check (R10 does)', () => {
    const decision = evaluate(buildFacts({ checks: { judicial: null } }));
    expect(outcomeOf(decision, 'R02_JUDICIAL')).toBeNull();
    expect(outcomeOf(decision, 'R10_CHECK_MISSING')).toBe('incomplete');
  });

  it('still fires on a stale check: staleness never lets anything through', () => {
    const decision = evaluate(buildFacts({ checks: { judicial: { enforcement: true, checkedAt: '2023-01-01' } } }));
    expect(outcomeOf(decision, 'R02_JUDICIAL')).toBe('reject');
    expect(outcomeOf(decision, 'R10_CHECK_MISSING')).toBe('incomplete');
    expect(decision.decision).toBe('reject');
  });
});

describe('R03_SUBSISTENCE', () => {
  it.each([
    [true, 'reject'],
    [false, null],
  ])('subsistenceAllowance %p → %p', (subsistenceAllowance, outcome) => {
    expect(fired('R03_SUBSISTENCE', { checks: { subsistenceAllowance } })).toBe(outcome);
  });
});

describe('R04_PROVINCIAL_WARNING', () => {
  it.each([
    ['none', null],
    ['low', null],
    ['medium', 'review'],
    ['high', 'reject'],
  ] as const)('level %p → %p', (level, outcome) => {
    expect(fired('R04_PROVINCIAL_WARNING', { checks: { provincialWarning: { level } } })).toBe(outcome);
  });

  it('does not fire on a missing check', () => {
    expect(fired('R04_PROVINCIAL_WARNING', { checks: { provincialWarning: null } })).toBeNull();
  });

  it('still fires on a stale check', () => {
    const decision = evaluate(buildFacts({ checks: { provincialWarning: { level: 'high', checkedAt: '2024-05-30' } } }));
    expect(codesOf(decision)).toEqual(['R04_PROVINCIAL_WARNING', 'R10_CHECK_MISSING']);
  });
});

describe('R05_INTERNAL_WARNING', () => {
  it.each([
    [0, null],
    [59, null],
    [59.99, null],
    [60, 'review'],
    [79, 'review'],
    [79.99, 'review'],
    [80, 'reject'],
    [100, 'reject'],
  ])('internalWarningScore %p → %p', (internalWarningScore, outcome) => {
    expect(fired('R05_INTERNAL_WARNING', { checks: { internalWarningScore } })).toBe(outcome);
  });

  it('adds one reason, never both variants', () => {
    const decision = evaluate(buildFacts({ checks: { internalWarningScore: 90 } }));
    expect(codesOf(decision)).toEqual(['R05_INTERNAL_WARNING']);
  });
});

describe('R06_GRAYLIST', () => {
  it.each([
    [true, 'review'],
    [false, null],
  ])('graylist %p → %p', (graylist, outcome) => {
    expect(fired('R06_GRAYLIST', { checks: { graylist } })).toBe(outcome);
  });
});

describe('R07_AGE (whole years, the birthday counts)', () => {
  it.each([
    ['2024-06-30', '2006-07-01', 'age 17, birthday tomorrow', 'reject'],
    ['2024-06-30', '2006-06-30', 'age 18 on the birthday', null],
    ['2024-06-30', '2006-06-29', 'age 18 and a day', null],
    ['2024-06-30', '1959-06-30', 'age 65 on the birthday', null],
    ['2024-06-30', '1958-07-01', 'age 65, 66 tomorrow', null],
    ['2024-06-30', '1958-06-30', 'age 66 on the birthday', 'reject'],
    ['2024-06-30', '2030-01-01', 'born after asOf: a negative age', 'reject'],
    // A 29 February birthday is reached on 1 March in common years (18 and 66 years after a
    // leap year are always common years).
    ['2022-02-28', '2004-02-29', 'leap-day baby, the day before 1 March', 'reject'],
    ['2022-03-01', '2004-02-29', 'leap-day baby turns 18 on 1 March', null],
    ['2022-02-28', '1956-02-29', 'leap-day baby still 65', null],
    ['2022-03-01', '1956-02-29', 'leap-day baby turns 66 on 1 March', 'reject'],
    // Ordinary birthdays around a leap day in asOf's year.
    ['2024-02-29', '2006-03-01', 'born 1 March, asOf the leap day: 17', 'reject'],
    ['2024-03-01', '2006-03-01', 'born 1 March, asOf 1 March: 18', null],
    ['2024-02-28', '2006-02-28', 'born 28 February, asOf 28 February of a leap year: 18', null],
  ])('asOf %s, born %s (%s) → %p', (asOf, birthDate, _label, outcome) => {
    expect(fired('R07_AGE', on(asOf, birthDate))).toBe(outcome);
  });
});

describe('R08_OVERDUE', () => {
  it.each([
    [false, 0, null],
    [false, 1, 'review'],
    [false, 2, 'review'],
    [false, 3, 'reject'],
    [false, 7, 'reject'],
    [true, 0, 'reject'],
    [true, 1, 'reject'],
    [true, 2, 'reject'],
  ])('currentOverdue %p, overdueCount24m %p → %p', (currentOverdue, overdueCount24m, outcome) => {
    const decision = evaluate(buildFacts({ checks: { currentOverdue, overdueCount24m } }));
    expect(outcomeOf(decision, 'R08_OVERDUE')).toBe(outcome);
    // "otherwise": the review variant never joins the reject one.
    expect(codesOf(decision).filter((code) => code === 'R08_OVERDUE').length).toBe(outcome === null ? 0 : 1);
  });
});

describe('R09_DEBT_RATIO (exact: no 0.8 in floating point)', () => {
  it.each([
    [100_000, 0, null],
    [100_000, 50_000, null], // exactly 0.5
    [100_000, 50_000.01, 'review'],
    [100_000, 80_000, 'review'], // exactly 0.8
    [100_000, 80_000.01, 'reject'],
    [100_000, 250_000, 'reject'],
    [0.1, 0.05, null], // one fen of debt per two of assets: exactly 1/2
    [0.1, 0.08, 'review'], // exactly 4/5, in fen
    [0.3, 0.24, 'review'],
    [0.3, 0.25, 'reject'],
    [1234567.89, 987654.31, 'review'], // 0.79999999838...
    [1234567.9, 987654.32, 'review'], // exactly 4/5
    [1234567.9, 987654.33, 'reject'], // 4/5 plus one fen
    [0, 0, null], // zero assets, no debt: ratio 0
    [0, 0.01, 'reject'], // zero assets with debt: above every threshold
  ])('assets %p, debt %p → %p', (totalAssets, totalDebt, outcome) => {
    expect(fired('R09_DEBT_RATIO', { totalAssets, totalDebt })).toBe(outcome);
  });
});

describe('R10_CHECK_MISSING', () => {
  it.each([
    ['2024-05-31', '2024-06-30', 'provincial 30 days old', null],
    ['2024-05-30', '2024-06-30', 'provincial 31 days old', 'incomplete'],
    ['2024-06-30', '2024-05-31', 'judicial 30 days old', null],
    ['2024-06-30', '2024-05-30', 'judicial 31 days old', 'incomplete'],
    ['2024-05-30', '2024-05-30', 'both 31 days old', 'incomplete'],
    ['2024-06-30', '2024-06-30', 'both checked on asOf', null],
    ['2024-07-05', '2024-07-05', 'both dated after asOf: not "more than 30 days before"', null],
  ])('provincial %s, judicial %s (%s) → %p', (provincialAt, judicialAt, _label, outcome) => {
    const overrides = { checks: { provincialWarning: { checkedAt: provincialAt }, judicial: { checkedAt: judicialAt } } };
    expect(fired('R10_CHECK_MISSING', overrides)).toBe(outcome);
  });

  it.each([
    ['2024-01-31', null], // 30 days before 2024-03-01 across a 29-day February
    ['2024-01-30', 'incomplete'],
  ])('counts real calendar days across a leap February: checked %s for asOf 2024-03-01 → %p', (checkedAt, outcome) => {
    const overrides = {
      asOf: '2024-03-01',
      checks: { provincialWarning: { checkedAt }, judicial: { checkedAt: '2024-03-01' } },
    };
    expect(fired('R10_CHECK_MISSING', overrides)).toBe(outcome);
  });

  it.each([
    ['provincialWarning missing', { checks: { provincialWarning: null } }],
    ['judicial missing', { checks: { judicial: null } }],
    ['both missing', { checks: { provincialWarning: null, judicial: null } }],
    ['one missing, one stale', { checks: { provincialWarning: null, judicial: { checkedAt: '2020-01-01' } } }],
  ] as const)('fires once when %s', (_label, overrides) => {
    const decision = evaluate(buildFacts(overrides));
    expect(codesOf(decision)).toEqual(['R10_CHECK_MISSING']);
    expect(decision.decision).toBe('incomplete');
  });
});

describe('every rule is evaluated', () => {
  it('reports all fired rules at once, not only the first', () => {
    const decision = evaluate(
      buildFacts({
        totalDebt: 1_000_000,
        checks: {
          blacklist: true,
          graylist: true,
          subsistenceAllowance: true,
          provincialWarning: { level: 'high' },
          internalWarningScore: 85,
          judicial: { frozenAssets: true, checkedAt: '2024-01-01' },
          currentOverdue: true,
        },
        birthDate: '2010-01-01',
      }),
    );
    expect(codesOf(decision)).toEqual([
      'R01_BLACKLIST',
      'R02_JUDICIAL',
      'R03_SUBSISTENCE',
      'R04_PROVINCIAL_WARNING',
      'R05_INTERNAL_WARNING',
      'R07_AGE',
      'R08_OVERDUE',
      'R09_DEBT_RATIO',
      'S01_SCORE_TOO_LOW',
      'R10_CHECK_MISSING',
      'R06_GRAYLIST',
    ]);
  });
});

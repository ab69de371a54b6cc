/**
 * Test data factory: a clean applicant who passes every rule, with fixed dates, so each test
 * states only the fact it is about (`buildFacts({ checks: { graylist: true } })`).
 *
 * The default applicant, on 2024-06-30: 39 years old, senior high school (12), married (12),
 * age 39 (12), net assets 400,000 (15), income 80,000 (12), deposits 60,000 with e-banking and
 * 6 years as a customer (6 + 2 + 2) → score 73, grade A, limit 50,000 + 50,000 + 24,000 =
 * 124,000, pass with 2 approval levels.
 */
import type { ApplicantFacts } from '../schema';

/** Overrides: any subset, at any depth; `null` replaces a check, objects merge. */
export type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export const DEFAULT_AS_OF = '2024-06-30';

function defaultFacts(): ApplicantFacts {
  return {
    asOf: DEFAULT_AS_OF,
    birthDate: '1985-03-15',
    education: 'senior_high',
    maritalStatus: 'married',
    annualIncome: 80_000,
    totalAssets: 500_000,
    totalDebt: 100_000,
    existingCreditLoans: 0,
    relationship: { avgDailyDeposit12m: 60_000, hasEBanking: true, wealthBalance: 0, customerSinceYears: 6 },
    checks: {
      blacklist: false,
      graylist: false,
      subsistenceAllowance: false,
      provincialWarning: { level: 'none', checkedAt: '2024-06-20' },
      internalWarningScore: 10,
      judicial: { dishonestDebtor: false, enforcement: false, frozenAssets: false, checkedAt: '2024-06-20' },
      currentOverdue: false,
      overdueCount24m: 0,
    },
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Recursively merges `patch` into a copy of `base`; non-objects (and null) replace. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = deepMerge(base[key], value);
  }
  return merged;
}

/** A fresh, valid, passing applicant with `overrides` deep-merged in. */
export function buildFacts(overrides: DeepPartial<ApplicantFacts> = {}): ApplicantFacts {
  return deepMerge(defaultFacts(), overrides) as ApplicantFacts;
}

/**
 * A copy of `facts` with the value at a dotted path replaced, or removed when `value` is the
 * `REMOVE` marker: for validation tests that need shapes the type forbids.
 */
export const REMOVE = Symbol('remove');
export function withFact(facts: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(facts) as Record<string, unknown>;
  const segments = path.split('.');
  const last = segments.pop() as string;
  let target: Record<string, unknown> = copy;
  for (const segment of segments) target = target[segment] as Record<string, unknown>;
  if (value === REMOVE) delete target[last];
  else target[last] = value;
  return copy;
}

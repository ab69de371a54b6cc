/**
 * Derived facts, computed in one place before any rule or score runs, so that every rule reads
 * the same age, the same debt ratio and the same freshness verdict.
 */
import { ageOn, dayNumberOf } from './calendarDate';
import { amountsInFen, type AmountsInFen } from './money';
import type { Rational } from './rational';
import type { ApplicantFacts } from './schema';

export type { AmountName, AmountsInFen } from './money';

export interface DerivedFacts {
  /** Whole years from birthDate to asOf, birthday included (may be negative for bad data). */
  readonly age: number;
  readonly fen: AmountsInFen;
  /**
   * totalDebt / totalAssets, exact. With zero assets the spec says: 0 when there is no debt,
   * otherwise above every threshold, which is +infinity ({ num: 1, den: 0 }).
   */
  readonly debtRatio: Rational;
  /** 省联社 check present and dated no more than `checkFreshnessDays` before asOf. */
  readonly provincialWarningFresh: boolean;
  /** 司法查控 check present and dated no more than `checkFreshnessDays` before asOf. */
  readonly judicialFresh: boolean;
}

/** The model's inputs to derivation (numbers that are policy live in the model, not here). */
export interface DerivationPolicy {
  /** A check dated exactly this many days before asOf is still fresh; one day more is stale. */
  readonly checkFreshnessDays: number;
}

function debtRatio(debtFen: number, assetsFen: number): Rational {
  if (assetsFen > 0) return { num: debtFen, den: assetsFen };
  return debtFen === 0 ? { num: 0, den: 1 } : { num: 1, den: 0 };
}

/**
 * Fresh when checked no more than `maxAgeDays` before asOf. The spec only calls a check stale when
 * it is "more than 30 days before asOf", so a check dated after asOf (a replay with an earlier
 * asOf, say) is not stale.
 */
function isFresh(check: { checkedAt: string } | null, asOfDay: number, maxAgeDays: number): boolean {
  return check !== null && asOfDay - dayNumberOf(check.checkedAt) <= maxAgeDays;
}

/** Computes the derived facts from validated facts. */
export function deriveFacts(facts: ApplicantFacts, policy: DerivationPolicy): DerivedFacts {
  const asOfDay = dayNumberOf(facts.asOf);
  const fen = amountsInFen(facts);
  return {
    age: ageOn(facts.birthDate, facts.asOf),
    fen,
    debtRatio: debtRatio(fen.totalDebt, fen.totalAssets),
    provincialWarningFresh: isFresh(facts.checks.provincialWarning, asOfDay, policy.checkFreshnessDays),
    judicialFresh: isFresh(facts.checks.judicial, asOfDay, policy.checkFreshnessDays),
  };
}

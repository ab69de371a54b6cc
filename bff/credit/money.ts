/**
 * Money as integer fen (分), the only form the engine calculates with.
 *
 * Amounts arrive as JavaScript numbers in yuan. A number "has at most two decimals" exactly when
 * it is the double nearest to some whole number of fen divided by 100, which is what
 * `JSON.parse("1234567.89")` produces. `Math.round(x * 100)` recovers that whole number of fen
 * (the product's error is far below half a fen at the sizes we allow), and dividing back must give
 * `x` again. Anything else (0.001, 0.1 + 0.2) is not an amount of money and is refused by the
 * schema, rather than silently rounded into a different amount.
 *
 * The amount schema and the conversion of all amounts live here, next to `isWholeFen` and
 * `toFen`, so the hot paths call them inside this module: under tsx (esbuild's CommonJS output)
 * every call to another module's export goes through two property getters, which profiled at about
 * a fifth of the time spent deriving facts.
 */
import { numberWhere } from './numberCheck';
import type { ApplicantFacts } from './schema';

/**
 * The largest amount accepted, in yuan: one trillion (10^12). Far above any household, and low
 * enough that every amount in fen (≤ 10^14) and every limit term in tenths of a fen stays a safe
 * integer, so conversions between yuan and fen are exact.
 */
export const MAX_AMOUNT_YUAN = 1_000_000_000_000;

/** Whole fen for an amount in yuan that passed `isWholeFen`; -0 becomes 0. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100) + 0;
}

/** True when `yuan` is exactly a whole number of fen (at most two decimals). */
export function isWholeFen(yuan: number): boolean {
  return Number.isFinite(yuan) && Math.round(yuan * 100) / 100 === yuan;
}

/** Yuan, ≥ 0, at most one trillion, a whole number of fen (at most two decimals). */
export const amountSchema = numberWhere((x) =>
  x < 0
    ? 'must be an amount >= 0'
    : x > MAX_AMOUNT_YUAN
      ? `must be at most ${MAX_AMOUNT_YUAN} yuan`
      : isWholeFen(x)
        ? null
        : 'must have at most two decimals (a whole number of fen)',
);

/** Every amount of the facts in whole fen, plus net assets (which may be negative). */
export interface AmountsInFen {
  readonly annualIncome: number;
  readonly totalAssets: number;
  readonly totalDebt: number;
  readonly existingCreditLoans: number;
  readonly avgDailyDeposit12m: number;
  readonly wealthBalance: number;
  /** totalAssets - totalDebt. */
  readonly netAssets: number;
}

/** Names of the amounts the model may band or use (see `AmountsInFen`). */
export type AmountName = keyof AmountsInFen;

/** The facts' amounts in whole fen; net assets by integer subtraction, never in floating yuan. */
export function amountsInFen(facts: ApplicantFacts): AmountsInFen {
  const totalAssets = toFen(facts.totalAssets);
  const totalDebt = toFen(facts.totalDebt);
  return {
    annualIncome: toFen(facts.annualIncome),
    totalAssets,
    totalDebt,
    existingCreditLoans: toFen(facts.existingCreditLoans),
    avgDailyDeposit12m: toFen(facts.relationship.avgDailyDeposit12m),
    wealthBalance: toFen(facts.relationship.wealthBalance),
    netAssets: totalAssets - totalDebt,
  };
}

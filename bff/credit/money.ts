/**
 * Money as integer fen (分), the only form the engine calculates with.
 *
 * Amounts arrive as JavaScript numbers in yuan. A number "has at most two decimals" exactly when
 * it is the double nearest to some whole number of fen divided by 100, which is what
 * `JSON.parse("1234567.89")` produces. `Math.round(x * 100)` recovers that whole number of fen
 * (the product's error is far below half a fen at the sizes we allow), and dividing back must give
 * `x` again. Anything else (0.001, 0.1 + 0.2) is not an amount of money and is refused by the
 * schema, rather than silently rounded into a different amount.
 */

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

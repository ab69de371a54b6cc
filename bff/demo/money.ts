/**
 * Money in the demo data: yuan as JavaScript numbers with at most two decimals (the database
 * has no Decimal128). Sums are taken in integer fen so that a total always equals the sum of
 * its parts exactly, without 0.1 + 0.2 artefacts.
 */
export function round2(yuan: number): number {
  return Math.round(yuan * 100) / 100;
}

/** Rounds to a whole multiple of `step` yuan (prices people quote: 3.5万, 12,000). */
export function roundTo(yuan: number, step: number): number {
  return Math.round(yuan / step) * step;
}

export function sumMoney(values: readonly number[]): number {
  let fen = 0;
  for (const v of values) fen += Math.round(v * 100);
  return fen / 100;
}

/** Formats an amount for a CSV column: always two decimals, no thousands separator. */
export function formatAmount(yuan: number): string {
  return (Math.round(yuan * 100) / 100).toFixed(2);
}

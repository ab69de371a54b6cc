/** Display helpers of the portrait page. */

/** Yuan as 万元 with two decimals under 1亿: 75000 → "7.50万". */
export function wan(n: number): string {
  return `${(n / 10000).toFixed(2)}万`;
}

/** The chart's bars: each value as a share (0..100) of the largest one drawn. */
export function barHeights(series: { deposits: number[]; loans: number[]; wealth: number[] }): {
  deposits: number[];
  loans: number[];
  wealth: number[];
  max: number;
} {
  const max = Math.max(0, ...series.deposits, ...series.loans, ...series.wealth);
  const scale = (xs: number[]) => xs.map((x) => (max > 0 ? Math.round((x / max) * 1000) / 10 : 0));
  return { deposits: scale(series.deposits), loans: scale(series.loans), wealth: scale(series.wealth), max };
}

/** 2026-12-01 → 12-01 (the axis has little room). */
export const shortDate = (d: string) => d.slice(5);

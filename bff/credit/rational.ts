/**
 * Exact fractions for the few places where the spec divides (debt ratio, limit coefficients).
 * They are compared by cross-multiplication (operators.ts), which never rounds, unlike
 * `debt / assets > 0.8`.
 */

/** num/den with integer parts; den ≥ 0. den = 0 with num > 0 stands for +infinity. */
export interface Rational {
  readonly num: number;
  readonly den: number;
}

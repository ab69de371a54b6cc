/**
 * Exact fractions for the few places where the spec divides (debt ratio, limit coefficients).
 * Comparing a/b with c/d by cross-multiplication never rounds, unlike `debt / assets > 0.8`.
 */

/** num/den with integer parts; den ≥ 0. den = 0 with num > 0 stands for +infinity. */
export interface Rational {
  readonly num: number;
  readonly den: number;
}

/** Sign of a - b (-1, 0 or 1), exact: Number products while they are safe integers, else BigInt. */
export function compareRational(a: Rational, b: Rational): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return Math.sign(left - right);
  const bigLeft = BigInt(a.num) * BigInt(b.den);
  const bigRight = BigInt(b.num) * BigInt(a.den);
  return bigLeft > bigRight ? 1 : bigLeft < bigRight ? -1 : 0;
}

/** Structural check used by the rational operators, which receive facts as `unknown`. */
export function isRational(value: unknown): value is Rational {
  return typeof value === 'object' && value !== null && 'num' in value && 'den' in value;
}

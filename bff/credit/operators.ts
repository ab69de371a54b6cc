/**
 * Condition operators, json-rules-engine style: each is a one-line predicate of (fact, value).
 * Facts arrive as `unknown` because a path may lead to a missing check (null); every predicate is
 * false for a fact of the wrong type, so an absent check never fires nor clears a rule by accident.
 */
import type { Rational } from './rational';

const isNumber = (x: unknown): x is number => typeof x === 'number';

/** Structural check for the ratio operators, which receive facts as `unknown`. */
function isRational(value: unknown): value is Rational {
  return typeof value === 'object' && value !== null && 'num' in value && 'den' in value;
}

/**
 * Sign of a - b (-1, 0 or 1), exact: a/b against c/d by cross-multiplication, in Number while the
 * products are safe integers (always, for amounts in fen up to 10^14 and small thresholds), else
 * in BigInt.
 */
export function compareRational(a: Rational, b: Rational): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return Math.sign(left - right);
  const bigLeft = BigInt(a.num) * BigInt(b.den);
  const bigRight = BigInt(b.num) * BigInt(a.den);
  return bigLeft > bigRight ? 1 : bigLeft < bigRight ? -1 : 0;
}

export const operators = {
  equal: (fact: unknown, value: unknown) => fact === value,
  notEqual: (fact: unknown, value: unknown) => fact !== value,
  in: (fact: unknown, value: unknown) => Array.isArray(value) && value.includes(fact),
  lessThan: (fact: unknown, value: unknown) => isNumber(fact) && isNumber(value) && fact < value,
  lessThanInclusive: (fact: unknown, value: unknown) => isNumber(fact) && isNumber(value) && fact <= value,
  greaterThan: (fact: unknown, value: unknown) => isNumber(fact) && isNumber(value) && fact > value,
  greaterThanInclusive: (fact: unknown, value: unknown) => isNumber(fact) && isNumber(value) && fact >= value,
  /** Exact fraction comparisons (debt ratio against 1/2 and 4/5, never a rounded 0.8). */
  ratioGreaterThan: (fact: unknown, value: unknown) => isRational(fact) && isRational(value) && compareRational(fact, value) > 0,
  ratioLessThanInclusive: (fact: unknown, value: unknown) => isRational(fact) && isRational(value) && compareRational(fact, value) <= 0,
} as const satisfies Record<string, (fact: unknown, value: unknown) => boolean>;

export type OperatorName = keyof typeof operators;

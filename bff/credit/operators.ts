/**
 * Condition operators, json-rules-engine style: each is a one-line predicate of (fact, value).
 * Facts arrive as `unknown` because a path may lead to a missing check (null); every predicate is
 * false for a fact of the wrong type, so an absent check never fires nor clears a rule by accident.
 */
import { compareRational, isRational } from './rational';

const isNumber = (x: unknown): x is number => typeof x === 'number';

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

/**
 * Turns condition data into plain predicates once per model, so evaluating a rule is a few
 * property reads and comparisons: the engine must run ≥100,000 evaluations a second, which rules
 * out the (async) json-rules-engine package itself while keeping its data format.
 */
import { CreditModelError } from './creditErrors';
import { factCatalog } from './factCatalog';
import type { ConditionNode } from './modelDefinition';
import { operators } from './operators';
import type { Almanac, FactPath } from './types';

/** A compiled condition, and a reader of one fact. */
export type Predicate = (almanac: Almanac) => boolean;
export type FactReader = (almanac: Almanac) => unknown;
type Operator = (fact: unknown, value: unknown) => boolean;

/** The catalogue's reader for a fact path; an unknown path is a model error, found at compile time. */
export function compileFactPath(path: FactPath): FactReader {
  const reader: FactReader | undefined = Object.prototype.hasOwnProperty.call(factCatalog, path) ? factCatalog[path] : undefined;
  if (reader === undefined) throw new CreditModelError(`unknown fact: ${String(path)}`);
  return reader;
}

/**
 * Compiles an all / any / not tree of conditions into one predicate; unknown facts or operators
 * fail here, once, not during an evaluation. Nested closures measured faster than walking a
 * compiled tree with one interpreter function (interleaved runs on the bench's applicants).
 */
export function compileCondition(node: ConditionNode): Predicate {
  if ('all' in node) {
    const parts = node.all.map(compileCondition);
    // A group of one is that one condition (most rules are written `{ all: [ ... ] }`).
    if (parts.length === 1 && parts[0] !== undefined) return parts[0];
    return (almanac) => {
      for (const part of parts) if (!part(almanac)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const parts = node.any.map(compileCondition);
    return (almanac) => {
      for (const part of parts) if (part(almanac)) return true;
      return false;
    };
  }
  if ('not' in node) {
    const inner = compileCondition(node.not);
    return (almanac) => !inner(almanac);
  }
  const test: Operator | undefined = Object.prototype.hasOwnProperty.call(operators, node.operator) ? operators[node.operator] : undefined;
  if (test === undefined) throw new CreditModelError(`unknown operator: ${String(node.operator)}`);
  const read = compileFactPath(node.fact);
  const value = node.value;
  return (almanac) => test(read(almanac), value);
}

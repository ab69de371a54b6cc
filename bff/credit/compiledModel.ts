/**
 * A model definition checked and turned into predicates once, then cached per model object.
 * Compiling on every evaluation would cost more than evaluating; a WeakMap keeps the cache from
 * pinning a model that nobody references any more.
 */
import { compileAdmission, type CompiledRule } from './admission';
import { CreditModelError } from './creditErrors';
import { compileLimit, type CompiledLimit } from './limit';
import type { CreditModel, GradeCutoff } from './modelDefinition';
import { compileGrades, compileScorecard, type CompiledFactor } from './scorecard';

export interface CompiledModel {
  readonly model: CreditModel;
  readonly admission: readonly CompiledRule[];
  readonly scorecard: readonly CompiledFactor[];
  readonly grades: readonly GradeCutoff[];
  readonly limit: CompiledLimit;
}

/** Invariants the engine relies on, so a bad v2 fails at first use, not on one rare applicant. */
function checkGrades(model: CreditModel): void {
  const last = model.grades[model.grades.length - 1];
  if (last === undefined || last.minScore > 0) throw new CreditModelError(`${model.version}: the last grade must accept a score of 0`);
  for (const cutoff of model.grades) {
    const blocks = cutoff.reason !== undefined && (cutoff.reason.outcome === 'reject' || cutoff.reason.outcome === 'incomplete');
    if (!blocks && model.limit.gradeBase[cutoff.grade] === undefined) {
      throw new CreditModelError(`${model.version}: grade ${cutoff.grade} can reach the limit but has no gradeBase`);
    }
  }
}

function compileModel(model: CreditModel): CompiledModel {
  checkGrades(model);
  return {
    model,
    admission: compileAdmission(model.admission),
    scorecard: compileScorecard(model.scorecard),
    grades: compileGrades(model.grades),
    limit: compileLimit(model.limit),
  };
}

const cache = new WeakMap<CreditModel, CompiledModel>();

export function compiledFor(model: CreditModel): CompiledModel {
  let compiled = cache.get(model);
  if (compiled === undefined) {
    compiled = compileModel(model);
    cache.set(model, compiled);
  }
  return compiled;
}

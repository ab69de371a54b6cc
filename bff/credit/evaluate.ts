/**
 * The pipeline: validate → derive → admission → scorecard and grade → limit → decision.
 * Pure: the same facts and model always give the same decision, and the input is never mutated
 * (zod returns a fresh copy, and nothing writes to it).
 */
import { runAdmission, toReason } from './admission';
import { compiledFor } from './compiledModel';
import { CreditFactsError } from './creditErrors';
import { decide, hasBlockingReason } from './decision';
import { deriveFacts } from './derivedFacts';
import { assessLimit } from './limit';
import type { CreditModel } from './modelDefinition';
import { runScorecard } from './scorecard';
import { applicantFactsSchema, type ApplicantFacts } from './schema';
import type { Almanac, CreditDecision, LimitBreakdown } from './types';

/** Validated facts, or a `CreditFactsError` naming the first bad field. */
export function validateFacts(facts: unknown): ApplicantFacts {
  const parsed = applicantFactsSchema.safeParse(facts);
  if (!parsed.success) throw CreditFactsError.fromZod(parsed.error);
  return parsed.data;
}

/**
 * Evaluates facts with any registered (or test) model definition.
 *
 * Each stage is one call into its module, on purpose: under tsx every call into another module
 * goes through two export getters, and merging the small calls (grade into the scorecard, L01
 * into the limit, §4 into `decide`) halved the profiled time spent in those getters.
 */
export function evaluateWithModel<V extends string>(facts: unknown, model: CreditModel<V>): CreditDecision<V> {
  const compiled = compiledFor(model);
  const valid = validateFacts(facts);
  const almanac: Almanac = { facts: valid, derived: deriveFacts(valid, model) };

  const reasons = runAdmission(compiled.admission, almanac);
  const { score, factors, cutoff } = runScorecard(compiled.scorecard, compiled.grades, almanac);
  if (cutoff.reason !== undefined) reasons.push(toReason(cutoff.reason));

  // "Computed only when no reason so far is reject or incomplete."
  let limitBreakdown: LimitBreakdown | null = null;
  if (!hasBlockingReason(reasons)) {
    const assessed = assessLimit(compiled.limit, cutoff.grade, almanac.derived.fen);
    limitBreakdown = assessed.breakdown;
    if (assessed.tooLow !== null) reasons.push(assessed.tooLow);
  }

  return decide({ modelVersion: model.version, approval: model.approval, reasons, score, grade: cutoff.grade, factors, limitBreakdown });
}

/**
 * The pipeline: validate → derive → admission → scorecard and grade → limit → decision.
 * Pure: the same facts and model always give the same decision, and the input is never mutated
 * (zod returns a fresh copy, and nothing writes to it).
 */
import { runAdmission, toReason } from './admission';
import { compiledFor } from './compiledModel';
import { CreditFactsError } from './creditErrors';
import { approvalLevelsFor, isBlocking, sortReasons, worstOutcome } from './decision';
import { deriveFacts } from './derivedFacts';
import { computeLimit, limitTooLowReason } from './limit';
import type { CreditModel } from './modelDefinition';
import { gradeFor, runScorecard } from './scorecard';
import { applicantFactsSchema, type ApplicantFacts } from './schema';
import type { Almanac, CreditDecision, LimitBreakdown } from './types';

/** Validated facts, or a `CreditFactsError` naming the first bad field. */
export function validateFacts(facts: unknown): ApplicantFacts {
  const parsed = applicantFactsSchema.safeParse(facts);
  if (!parsed.success) throw CreditFactsError.fromZod(parsed.error);
  return parsed.data;
}

/** Evaluates facts with any registered (or test) model definition. */
export function evaluateWithModel<V extends string>(facts: unknown, model: CreditModel<V>): CreditDecision<V> {
  const compiled = compiledFor(model);
  const valid = validateFacts(facts);
  const almanac: Almanac = { facts: valid, derived: deriveFacts(valid, model) };

  const reasons = runAdmission(compiled.admission, almanac);
  const { score, factors } = runScorecard(compiled.scorecard, almanac);
  const cutoff = gradeFor(compiled.grades, score);
  if (cutoff.reason !== undefined) reasons.push(toReason(cutoff.reason));

  // "Computed only when no reason so far is reject or incomplete."
  let limitBreakdown: LimitBreakdown | null = null;
  if (!reasons.some((reason) => isBlocking(reason.outcome))) {
    limitBreakdown = computeLimit(compiled.limit, cutoff.grade, almanac.derived.fen);
    const tooLow = limitTooLowReason(compiled.limit, limitBreakdown);
    if (tooLow !== null) reasons.push(tooLow);
  }

  const decision = worstOutcome(reasons);
  const limit = limitBreakdown !== null && !isBlocking(decision) ? limitBreakdown.final : 0;
  return {
    modelVersion: model.version,
    decision,
    reasons: sortReasons(reasons),
    score,
    grade: cutoff.grade,
    factors,
    limit,
    limitBreakdown,
    approvalLevels: approvalLevelsFor(model.approval, decision, limit),
  };
}

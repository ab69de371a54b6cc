/**
 * Credit engine (阳光信贷 pre-credit): pure functions from applicant facts and a versioned model
 * definition to a decision with reasons. No I/O, no clock: `asOf` is the only "today".
 *
 *   import { evaluate } from './bff/credit';
 *   evaluate(facts); // CreditDecision of sunshine-v1, or throws CreditFactsError
 */
import { evaluateWithModel } from './evaluate';
import { getModel } from './modelRegistry';
import type { CreditDecision } from './types';

const SUNSHINE_V1 = getModel('sunshine-v1');

/** Evaluates facts (validated here, hence `unknown`) with model `sunshine-v1`. */
export function evaluate(facts: unknown): CreditDecision<'sunshine-v1'> {
  return evaluateWithModel(facts, SUNSHINE_V1);
}

export { evaluateWithModel, validateFacts } from './evaluate';
export { CURRENT_MODEL_VERSION, getModel, isModelVersion, models, type ModelVersion } from './modelRegistry';
export { applicantFactsSchema } from './schema';
export { CreditFactsError, CreditModelError, UnknownCreditModelError, type CreditFactsIssue } from './creditErrors';
export type { CreditModel } from './modelDefinition';
export type {
  ApplicantFacts,
  ApprovalLevels,
  CreditDecision,
  DecisionOutcome,
  Grade,
  LimitBreakdown,
  Reason,
  ReasonOutcome,
  ScoreFactorPoints,
} from './types';

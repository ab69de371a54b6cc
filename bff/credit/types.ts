/**
 * Public output types of the engine (spec "Output: CreditDecision") and the vocabulary shared by
 * the model definition and the engine.
 */
import type { DerivedFacts } from './derivedFacts';
import type { ApplicantFacts } from './schema';

export type { ApplicantFacts } from './schema';

/** Outcomes a reason can carry; `pass` is the absence of reasons, never a reason. */
export type ReasonOutcome = 'reject' | 'incomplete' | 'review';
export type DecisionOutcome = ReasonOutcome | 'pass';
export type Grade = 'AAA' | 'AA' | 'A' | 'B' | 'C';
export type ApprovalLevels = 0 | 1 | 2;

/** Why the decision is what it is, in words a manager can read to the customer. */
export interface Reason {
  readonly code: string;
  readonly outcome: ReasonOutcome;
  readonly message: string;
}

export interface ScoreFactorPoints {
  readonly name: string;
  readonly points: number;
}

/**
 * How the limit was reached, in yuan. gradeBase, cap, existingCreditLoans and final are exact.
 * assetTerm, incomeTerm and raw are exact rationals reported as the nearest JS number: with the
 * sunshine-v1 coefficients (1/10, 3/10) they are whole multiples of 0.001 yuan (a tenth of a fen,
 * e.g. 0.1 × 0.05 = 0.005) and print as exactly that decimal. Nothing is rounded before `final`.
 */
export interface LimitBreakdown {
  readonly gradeBase: number;
  readonly assetTerm: number;
  readonly incomeTerm: number;
  readonly raw: number;
  readonly cap: number;
  readonly existingCreditLoans: number;
  readonly final: number;
}

/** The engine's answer. `V` is the model version that produced it. */
export interface CreditDecision<V extends string = 'sunshine-v1'> {
  readonly modelVersion: V;
  readonly decision: DecisionOutcome;
  /** Reject first, then incomplete, then review; by code within each. */
  readonly reasons: readonly Reason[];
  /** 0..100, always computed, the sum of `factors`. */
  readonly score: number;
  readonly grade: Grade;
  /** One row per scorecard factor, in the model's order. */
  readonly factors: readonly ScoreFactorPoints[];
  /** `limitBreakdown.final` when the decision is pass or review, otherwise 0. */
  readonly limit: number;
  /** Filled whenever the limit was computed (also when L01 then rejects), otherwise null. */
  readonly limitBreakdown: LimitBreakdown | null;
  /** How many approvers must sign. */
  readonly approvalLevels: ApprovalLevels;
}

/**
 * What rules and score factors read: the validated facts and the derived facts. Two fields rather
 * than one merged object: `{ ...facts, derived }` costs microseconds per evaluation in V8 (a
 * spread followed by another property leaves the fast clone path).
 */
export interface Almanac {
  readonly facts: ApplicantFacts;
  readonly derived: DerivedFacts;
}

export type { FactPath } from './factCatalog';

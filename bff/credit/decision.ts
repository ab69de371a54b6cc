/**
 * The decision (spec §4): worst outcome wins, reasons sorted for reading, approvers counted.
 */
import type { ApprovalPolicy } from './modelDefinition';
import type {
  ApprovalLevels,
  CreditDecision,
  DecisionOutcome,
  Grade,
  LimitBreakdown,
  Reason,
  ReasonOutcome,
  ScoreFactorPoints,
} from './types';

/** reject > incomplete > review (> pass, the absence of reasons). Lower rank is worse. */
const RANK: Readonly<Record<ReasonOutcome, number>> = { reject: 0, incomplete: 1, review: 2 };

/** True for outcomes that stop a limit from being computed or granted. */
export const isBlocking = (outcome: DecisionOutcome): boolean => outcome === 'reject' || outcome === 'incomplete';

/** True when a reason so far stops the limit from being computed (spec §3). */
export function hasBlockingReason(reasons: readonly Reason[]): boolean {
  for (const reason of reasons) if (isBlocking(reason.outcome)) return true;
  return false;
}

/** The worst outcome among the reasons; pass when there are none. */
export function worstOutcome(reasons: readonly Reason[]): DecisionOutcome {
  let worst: DecisionOutcome = 'pass';
  for (const reason of reasons) {
    if (worst === 'pass' || RANK[reason.outcome] < RANK[worst]) worst = reason.outcome;
  }
  return worst;
}

/** Orders two reasons: worse outcome first, then by code (UTF-16 code units, not locale). */
function compareReasons(a: Reason, b: Reason): number {
  return RANK[a.outcome] - RANK[b.outcome] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Reject first, then incomplete, then review, and by code within each, so the order is the same
 * on every machine. An insertion sort into a new array: there are a handful of reasons at most,
 * where it beats `Array.prototype.sort` and its comparator calls several times over.
 */
export function sortReasons(reasons: readonly Reason[]): Reason[] {
  const sorted: Reason[] = [];
  for (const reason of reasons) {
    let i = sorted.length;
    sorted.push(reason);
    for (let previous = sorted[i - 1]; previous !== undefined && compareReasons(previous, reason) > 0; previous = sorted[i - 1]) {
      sorted[i] = previous;
      i--;
    }
    sorted[i] = reason;
  }
  return sorted;
}

/** How many approvers sign: by decision, and for a pass by the size of the limit. */
export function approvalLevelsFor(policy: ApprovalPolicy, decision: DecisionOutcome, limit: number): ApprovalLevels {
  if (decision !== 'pass') return policy[decision];
  return limit > policy.pass.above.limit ? policy.pass.above.levels : policy.pass.levels;
}

/** What the earlier stages found, for `decide`. */
export interface Findings<V extends string> {
  readonly modelVersion: V;
  readonly approval: ApprovalPolicy;
  readonly reasons: readonly Reason[];
  readonly score: number;
  readonly grade: Grade;
  readonly factors: readonly ScoreFactorPoints[];
  /** Null when the limit was not computed. */
  readonly limitBreakdown: LimitBreakdown | null;
}

/** The CreditDecision: worst outcome, the limit only for pass or review, sorted reasons, approvers. */
export function decide<V extends string>(findings: Findings<V>): CreditDecision<V> {
  const decision = worstOutcome(findings.reasons);
  const limit = findings.limitBreakdown !== null && !isBlocking(decision) ? findings.limitBreakdown.final : 0;
  return {
    modelVersion: findings.modelVersion,
    decision,
    reasons: sortReasons(findings.reasons),
    score: findings.score,
    grade: findings.grade,
    factors: findings.factors,
    limit,
    limitBreakdown: findings.limitBreakdown,
    approvalLevels: approvalLevelsFor(findings.approval, decision, limit),
  };
}

/**
 * The decision (spec §4): worst outcome wins, reasons sorted for reading, approvers counted.
 */
import type { ApprovalPolicy } from './modelDefinition';
import type { ApprovalLevels, DecisionOutcome, Reason, ReasonOutcome } from './types';

/** reject > incomplete > review (> pass, the absence of reasons). Lower rank is worse. */
const RANK: Readonly<Record<ReasonOutcome, number>> = { reject: 0, incomplete: 1, review: 2 };

/** True for outcomes that stop a limit from being computed or granted. */
export const isBlocking = (outcome: DecisionOutcome): boolean => outcome === 'reject' || outcome === 'incomplete';

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

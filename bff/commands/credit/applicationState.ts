import type { ApplicationStatus } from '@sunshine/shared';
import type { ApprovalStepDoc } from '../../models/ApprovalStep';

/**
 * An application's status, trail and outbox as they follow from its approval steps. Pure and
 * derived only from the steps (their times included), so applying the same steps twice
 * writes the same values: a crashed approval can be finished later by anyone.
 */
export interface ApplicationBasics {
  _id: { toString(): string };
  evaluationId: { toString(): string };
  householdId: { toString(): string };
  householdNo: string;
  branchId: string;
  modelVersion: string;
  grade: string;
  score: number;
  limit: number;
  approvalLevels: number;
}

export function applicationState(app: ApplicationBasics, steps: ApprovalStepDoc[]) {
  const ordered = [...steps].sort((a, b) => a.level - b.level);
  const approvals = ordered.map((s) => ({
    level: s.level,
    decision: s.decision,
    userId: s.userId,
    userName: s.userName,
    comment: s.comment,
    at: s.at,
  }));
  const rejected = ordered.find((s) => s.decision === 'reject');
  const approvedLevels = ordered.filter((s) => s.decision === 'approve').length;
  const last = ordered[ordered.length - 1];

  let status: ApplicationStatus = 'pending_level1';
  if (rejected) status = 'rejected';
  else if (approvedLevels >= app.approvalLevels) status = 'approved';
  else if (approvedLevels === 1) status = 'pending_level2';

  const final = status === 'approved' || status === 'rejected';
  const applicationId = String(app._id);
  const sync =
    status === 'approved' && last
      ? {
          state: 'pending' as const,
          attempts: 0,
          idempotencyKey: `precredit:${applicationId}`,
          payload: {
            applicationId,
            evaluationId: String(app.evaluationId),
            householdId: String(app.householdId),
            householdNo: app.householdNo,
            branchId: app.branchId,
            modelVersion: app.modelVersion,
            grade: app.grade,
            score: app.score,
            limit: app.limit,
            approvedAt: last.at.toISOString(),
            trail: approvals.map((a) => ({ ...a, at: a.at.toISOString() })),
          },
          nextAttemptAt: last.at,
          lastError: null,
          syncedAt: null,
        }
      : null;
  return { status, approvals, decidedAt: final && last ? last.at : null, final, sync };
}

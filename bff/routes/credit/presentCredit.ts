import { CREDIT_FACTOR_LABELS, maskName } from '@sunshine/shared';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { CreditReviewRequestDoc } from '../../models/CreditReviewRequest';
import { getModel, type ApplicantFacts, type CreditDecision } from '../../credit';
import { nextGradeGap, whatIf } from '../../credit/whatIf';

/**
 * An evaluation as the manager sees it: the stored CreditDecision unchanged (api-contract.md:
 * `{id, ...CreditDecision}`), plus Chinese factor names, the next grade and what would change
 * the result (re-evaluated from the stored facts by the model version that decided).
 */
export function presentEvaluation(ev: CreditEvaluationDoc) {
  const decision = ev.decision as CreditDecision<string>;
  const facts = ev.facts as ApplicantFacts;
  const model = getModel(ev.modelVersion);
  return {
    id: String(ev._id),
    ...decision,
    householdId: String(ev.householdId),
    memberId: String(ev.memberId),
    memberName: maskName(ev.memberName),
    asOf: ev.asOf,
    createdAt: ev.createdAt.toISOString(),
    evaluatedBy: ev.evaluatedBy,
    factorsDetail: decision.factors.map((f) => ({ name: f.name, label: CREDIT_FACTOR_LABELS[f.name] ?? f.name, points: f.points })),
    nextGrade: nextGradeGap(decision, model),
    whatIf: whatIf(facts, decision, model),
    v7Checks: {
      provincialWarningCheckedAt: facts.checks.provincialWarning?.checkedAt ?? null,
      judicialCheckedAt: facts.checks.judicial?.checkedAt ?? null,
      source: ev.v7Source,
    },
  };
}

/** An application with its trail; the outbox shows only its state and attempts, once approved. */
export function presentApplication(app: CreditApplicationDoc) {
  return {
    id: String(app._id),
    status: app.status,
    evaluationId: String(app.evaluationId),
    householdId: String(app.householdId),
    householdNo: app.householdNo,
    memberName: maskName(app.memberName),
    idNumber: app.idMasked,
    branchId: app.branchId,
    managerId: String(app.managerId),
    submittedBy: app.submittedBy,
    submittedByName: app.submittedByName,
    submittedAt: app.createdAt.toISOString(),
    modelVersion: app.modelVersion,
    decision: app.decision,
    grade: app.grade,
    score: app.score,
    limit: app.limit,
    approvalLevels: app.approvalLevels,
    approvals: app.approvals.map((a) => ({
      level: a.level,
      decision: a.decision,
      userId: a.userId,
      userName: a.userName,
      comment: a.comment,
      at: a.at.toISOString(),
    })),
    decidedAt: app.decidedAt ? app.decidedAt.toISOString() : null,
    ...(app.status === 'approved' && app.sync ? { sync: { state: app.sync.state, attempts: app.sync.attempts } } : {}),
  };
}

export function presentReviewRequest(r: CreditReviewRequestDoc) {
  return {
    id: String(r._id),
    evaluationId: String(r.evaluationId),
    householdId: String(r.householdId),
    branchId: r.branchId,
    status: r.status,
    reason: r.reason,
    requestedBy: r.requestedBy,
    requestedAt: r.createdAt.toISOString(),
  };
}

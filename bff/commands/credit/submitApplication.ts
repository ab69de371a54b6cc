import { Types } from 'mongoose';
import { ERROR_IDS, type CreateApplication } from '@sunshine/shared';
import type { AuthUser, Services } from '../../src/context';
import type { DataScope } from '../../policies/scope';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import type { CreditDecision } from '../../credit';
import { AppError, NotFoundError } from '../../src/errors';
import { chinaDate, daysBetween } from '../../creditFacts/chinaDate';
import { creditScope } from './creditScope';

/** An evaluation older than this (days) must be run again: its checks and balances have aged. */
export const EVALUATION_VALID_DAYS = 7;
/** A pending claim older than this whose application never appeared is a crashed submission. */
const ORPHAN_CLAIM_MS = 60_000;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * Turns a pass/review evaluation into an application awaiting level 1. One pending
 * application per person: the PendingApplicationClaim keyed by the person's ID blind index
 * is inserted first, and a duplicate key means another application is still in approval.
 */
export async function submitApplication(
  services: Pick<Services, 'models'>,
  user: AuthUser,
  scope: DataScope,
  input: CreateApplication,
  now: Date = new Date(),
): Promise<CreditApplicationDoc> {
  const { models } = services;
  const ev = await creditScope(models, scope).evaluations.findById(input.evaluationId).lean<CreditEvaluationDoc>();
  if (!ev) throw new AppError(404, ERROR_IDS.notFound, '未找到该测算结果', { field: 'evaluationId' });
  const decision = ev.decision as CreditDecision;
  if (decision.decision !== 'pass' && decision.decision !== 'review') {
    throw new AppError(409, ERROR_IDS.creditEvaluationNotEligible, '只有结论为通过或需人工审核的测算可以提交申请', {
      field: 'evaluationId',
    });
  }
  if (daysBetween(ev.asOf, chinaDate(now)) > EVALUATION_VALID_DAYS) {
    throw new AppError(409, ERROR_IDS.creditEvaluationStale, `测算结果已超过${EVALUATION_VALID_DAYS}天,请重新测算`, {
      field: 'evaluationId',
    });
  }
  const household = await scope.households.findById(String(ev.householdId)).lean<{ householdNo: string }>();
  if (!household) throw new NotFoundError('未找到该户');

  const applicationId = new Types.ObjectId();
  await claimPending(models, ev.idIndex, applicationId, now);
  try {
    const created = await models.CreditApplication.create({
      _id: applicationId,
      evaluationId: ev._id,
      householdId: ev.householdId,
      householdNo: household.householdNo,
      memberId: ev.memberId,
      memberName: ev.memberName,
      idIndex: ev.idIndex,
      idMasked: ev.idMasked,
      branchId: ev.branchId,
      managerId: ev.managerId,
      submittedBy: user.id,
      submittedByName: user.name,
      status: 'pending_level1',
      modelVersion: ev.modelVersion,
      decision: decision.decision,
      grade: decision.grade,
      score: decision.score,
      limit: decision.limit,
      approvalLevels: decision.approvalLevels,
    });
    return created.toObject() as CreditApplicationDoc;
  } catch (err) {
    await models.PendingApplicationClaim.deleteOne({ _id: ev.idIndex, applicationId });
    if (isDuplicate(err)) throw new AppError(409, ERROR_IDS.conflict, '该测算结果已提交过申请', { field: 'evaluationId' });
    throw err;
  }
}

async function claimPending(
  models: Pick<Services['models'], 'PendingApplicationClaim' | 'CreditApplication'>,
  idIndex: string,
  applicationId: Types.ObjectId,
  now: Date,
) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await models.PendingApplicationClaim.create({ _id: idIndex, applicationId, createdAt: now });
      return;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    // Someone holds the claim. It stands unless its application was decided (a crash between
    // the final decision and the claim's deletion) or never written (a crashed submission).
    const claim = await models.PendingApplicationClaim.findById(idIndex).lean();
    if (!claim) continue;
    const holder = await models.CreditApplication.findById(claim.applicationId).lean<CreditApplicationDoc>();
    const stale = holder
      ? holder.status === 'approved' || holder.status === 'rejected'
      : now.getTime() - claim.createdAt.getTime() > ORPHAN_CLAIM_MS;
    if (!stale) break;
    await models.PendingApplicationClaim.deleteOne({ _id: idIndex, applicationId: claim.applicationId });
  }
  throw new AppError(409, ERROR_IDS.creditApplicationPending, '该客户已有审批中的授信申请', { field: 'evaluationId' });
}

import { ERROR_IDS, type ReviewRequestInput } from '@sunshine/shared';
import type { AuthUser, Services } from '../../src/context';
import type { DataScope } from '../../policies/scope';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import type { CreditReviewRequestDoc } from '../../models/CreditReviewRequest';
import type { CreditDecision } from '../../credit';
import { AppError, NotFoundError } from '../../src/errors';
import { creditScope } from './creditScope';

/**
 * Records a customer's request for a human review of an automated rejection (PIPL art. 24),
 * relayed by their manager. Only a `reject` can be contested this way (an `incomplete` is
 * simply run again once V7 answers). One request per evaluation: the unique evaluationId
 * refuses a second one with 409.
 */
export async function requestReview(
  services: Pick<Services, 'models'>,
  user: AuthUser,
  scope: DataScope,
  evaluationId: string,
  input: ReviewRequestInput,
): Promise<CreditReviewRequestDoc> {
  const { models } = services;
  const ev = await creditScope(models, scope).evaluations.findById(evaluationId).lean<CreditEvaluationDoc>();
  if (!ev) throw new NotFoundError('未找到该测算结果');
  if ((ev.decision as CreditDecision).decision !== 'reject') {
    throw new AppError(409, ERROR_IDS.creditReviewNotAllowed, '只有系统自动拒绝的结果可以申请人工复核');
  }
  try {
    const created = await models.CreditReviewRequest.create({
      evaluationId: ev._id,
      householdId: ev.householdId,
      branchId: ev.branchId,
      managerId: ev.managerId,
      status: 'open',
      reason: input.reason,
      requestedBy: user.id,
    });
    return created.toObject() as CreditReviewRequestDoc;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw new AppError(409, ERROR_IDS.conflict, '该结果已申请过人工复核');
    throw err;
  }
}

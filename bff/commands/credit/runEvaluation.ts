import { ERROR_IDS, type CreateEvaluation } from '@sunshine/shared';
import type { AuthUser, Services } from '../../src/context';
import type { DataScope } from '../../policies/scope';
import type { HouseholdDoc } from '../../models/Household';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import { AppError, NotFoundError } from '../../src/errors';
import { CURRENT_MODEL_VERSION, CreditFactsError, evaluateWithModel, getModel, validateFacts } from '../../credit';
import { assembleFacts } from '../../creditFacts/assembleFacts';
import { chinaDate } from '../../creditFacts/chinaDate';
import { loadOdsHistory } from '../../creditFacts/odsHistory';
import { funnelOnEvaluation } from '../../funnel/funnelHooks';

/**
 * Runs the credit engine for one member of a household in the caller's scope (the head by
 * default) and stores the evaluation with the exact facts and model version, so it can be
 * replayed. Facts come from the household file, the member's ODS history and V7's real-time
 * checks (cached, never older than the model allows). When V7 is unavailable the checks are
 * null and the model answers `incomplete` (R10), never `pass`.
 */
export async function runEvaluation(
  services: Pick<Services, 'models' | 'crypto' | 'creditChecks'>,
  user: AuthUser,
  scope: DataScope,
  input: CreateEvaluation,
  now: Date = new Date(),
): Promise<CreditEvaluationDoc> {
  const { models } = services;
  const household = await scope.households.findById(input.householdId).lean<HouseholdDoc>();
  if (!household) throw new NotFoundError('未找到该户');
  const members = household.members as Array<HouseholdDoc['members'][number] & { _id: { toString(): string } }>;
  const member = input.memberId ? members.find((m) => String(m._id) === input.memberId) : members.find((m) => m.relation === 'head');
  if (!member) throw new AppError(404, ERROR_IDS.notFound, '未找到该家庭成员', { field: 'memberId' });

  const asOf = chinaDate(now);
  const [ods, checks] = await Promise.all([
    loadOdsHistory(models, member.idIndex, asOf),
    services.creditChecks.check(services.crypto.decrypt(member.idCipher), member.idIndex, asOf),
  ]);

  const model = getModel(CURRENT_MODEL_VERSION);
  let facts;
  try {
    facts = validateFacts(assembleFacts({ asOf, household, member, ods, checks: checks.result }));
  } catch (err) {
    if (!(err instanceof CreditFactsError)) throw err;
    // The file, not the request, is at fault: say which fact so the manager can correct it.
    throw new AppError(409, ERROR_IDS.creditFactsInvalid, `户档案信息不完整或有误(${err.field || 'facts'}),请先完善档案`, {
      field: `facts.${err.field}`,
    });
  }
  const decision = evaluateWithModel(facts, model);
  const created = await models.CreditEvaluation.create({
    householdId: household._id,
    memberId: member._id,
    memberName: member.name,
    idIndex: member.idIndex,
    idMasked: member.idMasked,
    branchId: household.branchId,
    managerId: household.managerId,
    evaluatedBy: user.id,
    asOf,
    modelVersion: model.version,
    facts,
    decision,
    v7Source: checks.source,
  });
  funnelOnEvaluation(services, created, household);
  return created.toObject() as CreditEvaluationDoc;
}

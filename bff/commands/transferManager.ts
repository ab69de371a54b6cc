import { Types } from 'mongoose';
import type { ManagerTransferRequest } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { Models } from '../models';
import type { ManagerTransferDoc } from '../models/ManagerTransfer';
import { ConflictError, NotFoundError, ValidationError } from '../src/errors';
import { recordAudit, type AuditMeta } from './recordAudit';
import { invalidatePortraits } from './portraitCache';
import { invalidateHouseholdFacts } from '../visits/householdVisitState';

/**
 * Hands a leaving manager's grid and customers to another manager of the same branch, as one
 * audited action. FerretDB has no transactions, so the action is a resumable sequence of
 * idempotent steps under a claim:
 *
 * 1. the claim is the insert of ManagerTransfer `_id = <leaving manager>`; a second request
 *    for the same hand-over resumes it, one naming a different successor is refused (409);
 * 2. the households still with the leaving manager are recorded on the transfer first, so
 *    their cached portraits are dropped even if the run dies right after moving them;
 * 3. each step re-assigns `managerId` (the scope field) from the leaving manager to the
 *    successor in one collection (`updateMany` by managerId: a re-run finds nothing left);
 *    evidence fields (`recordedBy`, `uploadedBy`, `submittedBy`, ...) are never touched;
 * 4. optionally the leaving manager is deactivated and their sessions ended;
 * 5. the transfer is marked completed and the action audited.
 */

/** Collections whose `managerId` is a data-scope field, moved in this order. */
export const TRANSFER_STEPS = [
  ['grids', 'Grid'],
  ['households', 'Household'],
  ['visits', 'Visit'],
  ['photos', 'Photo'],
  ['customers', 'Customer'],
  ['creditEvaluations', 'CreditEvaluation'],
  ['creditApplications', 'CreditApplication'],
  ['creditReviewRequests', 'CreditReviewRequest'],
] as const satisfies ReadonlyArray<readonly [string, keyof Models]>;

export async function transferManager(
  services: Pick<Services, 'models' | 'redis' | 'config'>,
  actor: AuthUser,
  fromManagerId: string,
  input: ManagerTransferRequest,
  meta: AuditMeta,
): Promise<{ transfer: ManagerTransferDoc; created: boolean }> {
  const { models } = services;
  const from = Types.ObjectId.isValid(fromManagerId) ? await models.User.findById(fromManagerId).lean() : null;
  // A president sees their own branch only: another branch's manager is "not found".
  if (!from || from.role !== 'manager' || (actor.role === 'branch_president' && from.branchId !== actor.branchId)) {
    throw new NotFoundError('未找到该客户经理');
  }
  const to = await models.User.findById(input.toManagerId).lean();
  if (!to || to.role !== 'manager' || !to.active || to.branchId !== from.branchId || String(to._id) === String(from._id)) {
    throw new ValidationError('toManagerId: 接收人须为同一支行的另一位在岗客户经理', ['toManagerId']);
  }

  const { transfer, created } = await claimTransfer(models, from._id, from.branchId!, to._id, input, actor);
  const fromId = from._id;
  const toId = to._id;

  const pending = await models.Household.find({ managerId: fromId }).select('_id').lean();
  const householdIds = uniqueIds([...transfer.householdIds, ...pending.map((h) => h._id)]);
  await models.ManagerTransfer.updateOne({ _id: transfer._id }, { $set: { householdIds } });

  const moved: Record<string, number> = { ...((transfer.moved as Record<string, number> | null) ?? {}) };
  const stepsDone = new Set(transfer.stepsDone);
  for (const [step, modelName] of TRANSFER_STEPS) {
    const model = models[modelName] as unknown as {
      updateMany(f: object, u: object): Promise<{ modifiedCount?: number }>;
    };
    const r = await model.updateMany({ managerId: fromId }, { $set: { managerId: toId } });
    moved[step] = (moved[step] ?? 0) + (r.modifiedCount ?? 0);
    stepsDone.add(step);
    await models.ManagerTransfer.updateOne({ _id: transfer._id }, { $set: { moved, stepsDone: [...stepsDone] } });
  }
  // Caches that carry managerId: the visit path's household facts and the portraits.
  await invalidateHouseholdFacts(services.redis, services.config.redisPrefix);
  await invalidatePortraits(
    services.redis,
    services.config.redisPrefix,
    householdIds.map((id) => String(id)),
  );

  const deactivate = transfer.deactivate;
  if (deactivate) {
    await models.User.updateOne({ _id: fromId }, { $set: { active: false } });
    await revokeUserSessions(services, String(fromId));
  }
  const completedAt = transfer.completedAt ?? new Date();
  await models.ManagerTransfer.updateOne(
    { _id: transfer._id },
    { $set: { status: 'completed', completedAt, deactivated: deactivate, stepsDone: [...stepsDone, 'deactivate'] } },
  );
  await recordAudit(models, {
    ...meta,
    event: 'manager.transfer',
    outcome: 'success',
    userId: actor.id,
    username: actor.username,
    details: {
      fromManagerId: String(fromId),
      toManagerId: String(toId),
      branchId: from.branchId,
      resumed: !created,
      wasCompleted: transfer.status === 'completed',
      moved,
    },
  });
  return { transfer: (await models.ManagerTransfer.findById(transfer._id).lean<ManagerTransferDoc>())!, created };
}

async function claimTransfer(
  models: Models,
  fromId: Types.ObjectId,
  branchId: string,
  toId: Types.ObjectId,
  input: ManagerTransferRequest,
  actor: AuthUser,
): Promise<{ transfer: ManagerTransferDoc; created: boolean }> {
  try {
    const doc = await models.ManagerTransfer.create({
      _id: String(fromId),
      branchId,
      toManagerId: toId,
      reason: input.reason,
      requestedBy: actor.id,
      status: 'running',
      deactivate: input.deactivate,
      startedAt: new Date(),
    });
    return { transfer: doc.toObject() as ManagerTransferDoc, created: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const existing = (await models.ManagerTransfer.findById(String(fromId)).lean<ManagerTransferDoc>())!;
  if (String(existing.toManagerId) !== String(toId)) {
    throw new ConflictError('该客户经理的客户已移交给另一位客户经理', 'toManagerId');
  }
  await models.ManagerTransfer.updateOne({ _id: existing._id }, { $set: { attempts: existing.attempts + 1 } });
  return { transfer: { ...existing, attempts: existing.attempts + 1 }, created: false };
}

function uniqueIds(ids: Types.ObjectId[]): Types.ObjectId[] {
  const seen = new Map(ids.map((id) => [String(id), id]));
  return [...seen.values()];
}

/**
 * Ends every session of a user. Sessions are Redis hashes `<prefix>sess:<id>` with a userId
 * field (auth/sessionStore.ts) and no per-user index, so this walks them with SCAN: an
 * admin action, rare, and it never blocks Redis.
 */
async function revokeUserSessions(services: Pick<Services, 'redis' | 'config'>, userId: string): Promise<number> {
  const { redis } = services;
  let cursor = '0';
  let revoked = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${services.config.redisPrefix}sess:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length === 0) continue;
    const owners = await Promise.all(keys.map((k) => redis.hget(k, 'userId')));
    const mine = keys.filter((_k, i) => owners[i] === userId);
    if (mine.length) revoked += await redis.del(...mine);
  } while (cursor !== '0');
  return revoked;
}

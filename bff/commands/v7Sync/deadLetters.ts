import { maskName, type V7SyncItem } from '@sunshine/shared';
import type { Services, AuthUser } from '../../src/context';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { V7SyncRetryDoc } from '../../models/V7SyncRetry';
import { ConflictError, NotFoundError } from '../../src/errors';
import { recordAudit, type AuditMeta } from '../recordAudit';

/** One application's outbox as head office sees it. */
export function presentSyncItem(app: CreditApplicationDoc): V7SyncItem {
  const s = app.sync!;
  return {
    applicationId: String(app._id),
    householdId: String(app.householdId),
    householdNo: app.householdNo,
    memberName: maskName(app.memberName),
    branchId: app.branchId,
    limit: app.limit,
    decidedAt: app.decidedAt ? app.decidedAt.toISOString() : null,
    sync: {
      state: s.state,
      attempts: s.attempts,
      lastError: s.lastError ?? null,
      nextAttemptAt: s.state === 'pending' && s.nextAttemptAt ? s.nextAttemptAt.toISOString() : null,
      syncedAt: s.syncedAt ? s.syncedAt.toISOString() : null,
    },
  };
}

/**
 * The dead letters: approved applications V7 refused or that ran out of attempts, newest
 * first. Head office sees every branch. (On FerretDB 1.24 the filter scans the applications
 * collection; this is a rarely used head-office page.)
 */
export async function listFailedSyncs(
  services: Pick<Services, 'models'>,
  page: { page: number; pageSize: number },
): Promise<{ data: V7SyncItem[]; total: number }> {
  const { CreditApplication } = services.models;
  const filter = { status: 'approved', 'sync.state': 'failed' };
  const [docs, total] = await Promise.all([
    CreditApplication.find(filter)
      .sort({ updatedAt: -1, _id: -1 })
      .skip((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .lean<CreditApplicationDoc[]>(),
    CreditApplication.countDocuments(filter),
  ]);
  return { data: docs.map(presentSyncItem), total };
}

/**
 * Puts a dead-lettered application back into the outbox with a fresh budget of attempts,
 * audited, and enqueues its next attempt (the sweeper would pick it up anyway). Only a
 * failed sync can be retried; an application that is pending or synced answers 409.
 */
export async function retryFailedSync(
  services: Pick<Services, 'models' | 'v7Sync'>,
  user: AuthUser,
  applicationId: string,
  meta: AuditMeta,
  now = new Date(),
): Promise<V7SyncItem> {
  const { models } = services;
  const app = await models.CreditApplication.findById(applicationId).lean<CreditApplicationDoc>();
  if (!app?.sync || app.status !== 'approved') throw new NotFoundError('未找到该申请');
  if (app.sync.state !== 'failed')
    throw new ConflictError(app.sync.state === 'synced' ? '该申请已同步V7' : '该申请正在同步中', 'applicationId');

  const prior = await models.V7SyncRetry.findById(applicationId).lean<V7SyncRetryDoc>();
  await models.V7SyncRetry.updateOne(
    { _id: applicationId },
    { $set: { attemptsAtRetry: app.sync.attempts, retries: (prior?.retries ?? 0) + 1, lastRetryBy: user.id, lastRetryAt: now } },
    { upsert: true },
  );
  await models.CreditApplication.updateOne({ _id: app._id }, { $set: { 'sync.state': 'pending', 'sync.nextAttemptAt': now } });
  await recordAudit(models, {
    ...meta,
    event: 'credit.v7_sync_retry',
    outcome: 'success',
    userId: user.id,
    username: user.username,
    details: { applicationId, attempts: app.sync.attempts, lastError: app.sync.lastError ?? null },
  });
  await services.v7Sync.queue.enqueue(applicationId, app.sync.attempts + 1).catch(() => undefined);
  const updated = await models.CreditApplication.findById(applicationId).lean<CreditApplicationDoc>();
  return presentSyncItem(updated!);
}

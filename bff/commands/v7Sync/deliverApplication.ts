import type { Redis } from 'ioredis';
import type { Models } from '../../models';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { HouseholdDoc } from '../../models/Household';
import { syncAttemptId, type V7SyncAttemptDoc } from '../../models/V7SyncAttempt';
import type { V7SyncRetryDoc } from '../../models/V7SyncRetry';
import type { V7Client, V7Failure } from '../../clients/v7Client';
import type { FieldCrypto } from '../../security/fieldCrypto';
import { backoffMs, type V7SyncSettings } from '../../jobs/v7Sync/syncSettings';
import { invalidatePortraits } from '../portraitCache';
import { buildFilePush, buildPreCreditPush, type OutboxPayload } from './v7Payloads';
import { funnelOnSynced } from '../../funnel/funnelHooks';

export interface V7SyncDeps {
  models: Models;
  crypto: FieldCrypto;
  v7: V7Client;
  redis: Redis;
  redisPrefix: string;
}

export type AttemptOutcome =
  /** The job no longer matches the outbox (already synced, failed, or a later attempt): nothing to do. */
  | 'stale'
  /** Another worker holds this attempt's claim and its lease. */
  | 'busy'
  | 'synced'
  /** V7 gave no answer; the next attempt is scheduled. */
  | 'retry'
  /** Dead-lettered: V7 refused, or too many attempts. */
  | 'failed'
  /** The claim was left by a crashed process; counted as an attempt, the next one follows now. */
  | 'interrupted';

export interface AttemptResult {
  outcome: AttemptOutcome;
  next?: { attempt: number; delayMs: number };
  error?: string;
}

type Verdict = { kind: 'synced' } | { kind: 'unavailable' | 'rejected' | 'interrupted'; error: string };

const describe = (f: V7Failure) =>
  f.kind === 'unavailable' ? `V7不可用(${f.reason}${f.status ? ` ${f.status}` : ''}): ${f.message}` : `V7拒绝(${f.errorId}): ${f.message}`;

/**
 * One delivery attempt of one approved application to V7: the household file first
 * (`file:<id>:<version>`), then the pre-credit (`precredit:<applicationId>`), then the
 * outcome written to the application's outbox (`sync`).
 *
 * The attempt is claimed by inserting `V7SyncAttempt` `<applicationId>#<n>` (only inserts
 * are atomic on FerretDB 1.x), so however many jobs ask for attempt n, one worker makes it
 * and writes the outbox; V7 itself applies the pre-credit at most once (idempotency key plus
 * its own unique insert), so an attempt whose answer was lost is simply repeated.
 */
export async function deliverAttempt(
  deps: V7SyncDeps,
  settings: V7SyncSettings,
  job: { applicationId: string; attempt: number },
  now = new Date(),
): Promise<AttemptResult> {
  const { models } = deps;
  const app = await models.CreditApplication.findById(job.applicationId).lean<CreditApplicationDoc>();
  if (!app?.sync || app.status !== 'approved' || app.sync.state !== 'pending') return { outcome: 'stale' };
  if (job.attempt !== app.sync.attempts + 1) return { outcome: 'stale' };

  const claimId = syncAttemptId(job.applicationId, job.attempt);
  try {
    await models.V7SyncAttempt.create({
      _id: claimId,
      applicationId: job.applicationId,
      attempt: job.attempt,
      startedAt: now,
      leaseUntil: new Date(now.getTime() + settings.leaseMs),
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const claim = await models.V7SyncAttempt.findById(claimId).lean<V7SyncAttemptDoc>();
    if (!claim || claim.finishedAt || claim.leaseUntil.getTime() > now.getTime()) return { outcome: 'busy' };
    return record(deps, settings, app, job.attempt, { kind: 'interrupted', error: '投递中断(处理进程退出)' }, now);
  }

  let verdict: Verdict;
  try {
    verdict = await push(deps, app);
  } catch (err) {
    // Our own data cannot be sent (no such household or applicant): no retry will fix it.
    verdict = { kind: 'rejected', error: `无法组装报送数据: ${err instanceof Error ? err.message : String(err)}` };
  }
  return record(deps, settings, app, job.attempt, verdict, new Date());
}

async function push(deps: V7SyncDeps, app: CreditApplicationDoc): Promise<Verdict> {
  const { models, crypto, v7 } = deps;
  const payload = app.sync!.payload as OutboxPayload;
  const household = await models.Household.findById(app.householdId).lean<HouseholdDoc>();
  if (!household) throw new Error('客户档案不存在');
  const applicant =
    household.members.find((m) => String((m as { _id?: unknown })._id) === String(app.memberId)) ??
    household.members.find((m) => m.idIndex === app.idIndex);
  if (!applicant) throw new Error('申请人不在客户档案中');

  const file = await v7.pushFile(buildFilePush(household, (c) => crypto.decrypt(c)));
  if (!file.ok) return { kind: file.kind, error: `档案: ${describe(file)}` };
  const pre = await v7.pushPreCredit(buildPreCreditPush(app, payload, crypto.decrypt(applicant.idCipher)));
  if (!pre.ok) return { kind: pre.kind, error: `预授信: ${describe(pre)}` };
  return { kind: 'synced' };
}

/** Writes the attempt's outcome to the outbox (the attempt's claim makes this the only writer), then closes the claim. */
async function record(
  deps: V7SyncDeps,
  settings: V7SyncSettings,
  app: CreditApplicationDoc,
  attempt: number,
  verdict: Verdict,
  now: Date,
): Promise<AttemptResult> {
  const { models } = deps;
  const id = String(app._id);
  let result: AttemptResult;
  let set: Record<string, unknown>;
  if (verdict.kind === 'synced') {
    result = { outcome: 'synced' };
    set = { 'sync.state': 'synced', 'sync.lastError': null, 'sync.syncedAt': now, 'sync.nextAttemptAt': now };
  } else {
    const exhausted = verdict.kind !== 'rejected' && (await attemptsSinceRetry(models, id, attempt)) >= settings.maxAttempts;
    if (verdict.kind === 'rejected' || exhausted) {
      const error = exhausted ? `${verdict.error}(已重试${settings.maxAttempts}次)` : verdict.error;
      result = { outcome: 'failed', error };
      set = { 'sync.state': 'failed', 'sync.lastError': error, 'sync.nextAttemptAt': now };
    } else {
      const delayMs = verdict.kind === 'interrupted' ? 0 : backoffMs(settings, attempt);
      result = {
        outcome: verdict.kind === 'interrupted' ? 'interrupted' : 'retry',
        error: verdict.error,
        next: { attempt: attempt + 1, delayMs },
      };
      set = { 'sync.state': 'pending', 'sync.lastError': verdict.error, 'sync.nextAttemptAt': new Date(now.getTime() + delayMs) };
    }
  }
  await models.CreditApplication.updateOne({ _id: app._id }, { $set: { ...set, 'sync.attempts': attempt } });
  await models.V7SyncAttempt.updateOne(
    { _id: syncAttemptId(id, attempt) },
    { $set: { finishedAt: now, outcome: verdict.kind, error: 'error' in verdict ? verdict.error : null } },
  );
  // The portrait shows 'synced'; a failed sync keeps it 'approved'.
  if (result.outcome === 'synced') await invalidatePortraits(deps.redis, deps.redisPrefix, [String(app.householdId)]);
  if (result.outcome === 'synced') funnelOnSynced(deps, app, now);
  return result;
}

async function attemptsSinceRetry(models: Models, applicationId: string, attempt: number): Promise<number> {
  const retry = await models.V7SyncRetry.findById(applicationId).lean<V7SyncRetryDoc>();
  return attempt - (retry?.attemptsAtRetry ?? 0);
}

import { Types } from 'mongoose';
import type { Redis } from 'ioredis';
import type { V7WebhookEvent } from '@sunshine/shared';
import type { Models } from '../../models';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { V7EventDoc } from '../../models/V7Event';
import { invalidatePortraits } from '../portraitCache';
import { funnelOnV7Events } from '../../funnel/funnelHooks';

interface ApplyDeps {
  models: Models;
  redis: Redis;
  redisPrefix: string;
}

const LOCK_MS = 10_000;

/**
 * Applies the stored V7 events (签约 signing, 用信 drawdown) of one application to its
 * CreditUsage, then marks them processed and drops the household's cached portrait.
 *
 * The usage is recomputed from all the application's events rather than incremented, so a
 * redelivered or reordered event writes the same values. Because FerretDB 1.x updates are
 * last-writer-wins, appliers of one application are serialised by a short Redis lock; only
 * the events an applier read are marked processed, so an event stored while another applier
 * held the lock stays unprocessed and is applied by the next pass (the sweeper's, at worst).
 * Returns false when the lock was busy.
 */
export async function applyApplicationEvents(deps: ApplyDeps, applicationId: string, now = new Date()): Promise<boolean> {
  const { models, redis } = deps;
  const lockKey = `${deps.redisPrefix}v7usage-lock:${applicationId}`;
  const token = new Types.ObjectId().toHexString();
  let locked = false;
  for (let i = 0; i < 20 && !locked; i++) {
    locked = (await redis.set(lockKey, token, 'PX', LOCK_MS, 'NX')) === 'OK';
    if (!locked) await new Promise((r) => setTimeout(r, 50));
  }
  if (!locked) return false;
  try {
    const events = await models.V7Event.find({ applicationId }).lean<V7EventDoc[]>();
    const app = Types.ObjectId.isValid(applicationId)
      ? await models.CreditApplication.findById(applicationId, { householdId: 1 }).lean<Pick<CreditApplicationDoc, 'householdId'>>()
      : null;
    if (app) {
      const usage = usageOf(events.map((e) => e.payload as V7WebhookEvent));
      await models.CreditUsage.updateOne(
        { _id: applicationId },
        { $set: { householdId: app.householdId, ...usage, eventIds: events.map((e) => e._id).sort(), updatedAt: now } },
        { upsert: true },
      );
    }
    // An event for an application this bank does not know is kept, but never applies to a portrait.
    for (const e of events.filter((ev) => ev.processedAt === null))
      await models.V7Event.updateOne({ _id: e._id }, { $set: { processedAt: now } });
    if (app) await invalidatePortraits(redis, deps.redisPrefix, [String(app.householdId)]);
    if (app) funnelOnV7Events(deps, applicationId, events);
    return true;
  } finally {
    if ((await redis.get(lockKey)) === token) await redis.del(lockKey);
  }
}

/** The usage that follows from a set of events: V7's usedAmount is cumulative, so the largest wins. */
export function usageOf(events: V7WebhookEvent[]) {
  let signed: Extract<V7WebhookEvent, { type: 'precredit.signed' }> | undefined;
  const drawdowns = new Set<string>();
  let usedAmount = 0;
  for (const e of events) {
    if (e.type === 'precredit.signed') signed ??= e;
    else {
      drawdowns.add(e.data.drawdownId);
      usedAmount = Math.max(usedAmount, e.data.usedAmount);
    }
  }
  return {
    contractNo: signed?.data.contractNo ?? null,
    signedLimit: signed?.data.signedLimit ?? null,
    signedAt: signed ? new Date(signed.data.signedAt) : null,
    usedAmount,
    drawdowns: drawdowns.size,
  };
}

/** Applies every application that has unprocessed events (run by the sync sweeper). */
export async function applyPendingV7Events(deps: ApplyDeps, limit = 500): Promise<number> {
  const pending = await deps.models.V7Event.find({ processedAt: null }, { applicationId: 1 }).limit(limit).lean<V7EventDoc[]>();
  const ids = [...new Set(pending.map((e) => e.applicationId))];
  for (const id of ids) await applyApplicationEvents(deps, id);
  return ids.length;
}

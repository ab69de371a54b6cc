import { Types } from 'mongoose';
import type { Redis } from 'ioredis';
import type { Models } from '../models';
import type { HouseholdDoc } from '../models/Household';
import { createLogger, type Logger } from '../src/logger';
import { funnelMarkDoc, funnelMarkId, isAttributed, type FunnelMarkDraft } from './funnelMarkDocs';
import { flushFunnel } from './funnelRollup';

/**
 * Writing funnel marks from the business commands. A mark is a unique insert: the first
 * reach of a stage wins, any later event of the stage is a duplicate key and changes nothing,
 * so hooks may fire as often as their command runs (retries, redeliveries, sweeps).
 *
 * Hooks never fail or slow the business request: `markFunnel` starts the write and returns;
 * an error is logged, and the mark is recovered by `cli.ts backfill`, which derives the marks
 * from the business collections again. Writes in flight are tracked per database, so a
 * report (and a test) can wait for them with `settleFunnelMarks`. A successful insert asks for
 * a flush of the rollups a moment later, so the report usually finds them already counted.
 */
export interface FunnelDeps {
  models: Models;
  logger?: Logger;
  redis?: Redis;
  redisPrefix?: string;
  config?: { redisPrefix: string };
  closers?: Array<() => Promise<void>>;
}

/** Rollups are flushed this long after a new mark, so a burst of marks shares one flush. */
export const FUNNEL_FLUSH_DELAY_MS = 1_000;

let fallbackLogger: Logger | null = null;
const loggerOf = (deps: FunnelDeps): Logger =>
  deps.logger ?? (fallbackLogger ??= createLogger(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')));

/** Starts writing the marks and returns at once; never throws. */
export function markFunnel(deps: FunnelDeps, drafts: Array<FunnelMarkDraft | null> | FunnelMarkDraft | null): void {
  const list = (Array.isArray(drafts) ? drafts : [drafts]).filter((d): d is FunnelMarkDraft => d !== null);
  if (!list.length) return;
  track(
    deps.models,
    (async () => {
      for (const d of list) await recordFunnelMark(deps, d);
    })().catch((err: unknown) => loggerOf(deps).warn({ err: String(err), marks: list.map(funnelMarkId) }, 'funnel mark failed')),
  );
}

/** Runs a hook body fire-and-safe (for hooks that must read something first). */
export function runFunnelHook(deps: FunnelDeps, what: string, body: () => Promise<void>): void {
  track(
    deps.models,
    body().catch((err: unknown) => loggerOf(deps).warn({ err: String(err), hook: what }, 'funnel hook failed')),
  );
}

export type MarkOutcome = 'created' | 'duplicate' | 'unattributed';

/**
 * Inserts one mark. A draft without its full attribution takes it from the household (its
 * branch, village and manager now), but only when the mark does not exist yet, so repeated
 * hooks cost one key lookup.
 */
export async function recordFunnelMark(deps: FunnelDeps, draft: FunnelMarkDraft, now = new Date()): Promise<MarkOutcome> {
  const { models } = deps;
  const id = funnelMarkId(draft);
  let d = draft;
  if (!isAttributed(d)) {
    if (await models.FunnelMark.exists({ _id: id })) return 'duplicate';
    const h = Types.ObjectId.isValid(String(d.householdId))
      ? await models.Household.findById(d.householdId, { branchId: 1, villageCode: 1, managerId: 1 }).lean<
          Pick<HouseholdDoc, 'branchId' | 'villageCode' | 'managerId'>
        >()
      : null;
    if (!h) return 'unattributed';
    d = { ...d, branchId: d.branchId || h.branchId, villageCode: d.villageCode || h.villageCode, managerId: d.managerId || h.managerId };
  }
  if (!isAttributed(d)) return 'unattributed';
  try {
    await models.FunnelMark.create(funnelMarkDoc(d, d, { rolledUp: false, now }));
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return 'duplicate';
    throw err;
  }
  scheduleFlush(deps);
  return 'created';
}

const inFlight = new WeakMap<object, Set<Promise<unknown>>>();

function track(models: Models, p: Promise<unknown>): void {
  let set = inFlight.get(models);
  if (!set) inFlight.set(models, (set = new Set()));
  set.add(p);
  void p.finally(() => set.delete(p));
}

/** Waits for every mark (and background flush) this process started on this database. */
export async function settleFunnelMarks(models: Models): Promise<void> {
  for (;;) {
    const set = inFlight.get(models);
    if (!set?.size) return;
    await Promise.all([...set]);
  }
}

const scheduled = new WeakMap<object, NodeJS.Timeout>();
const withCloser = new WeakSet<object>();

function scheduleFlush(deps: FunnelDeps): void {
  const redisPrefix = deps.redisPrefix ?? deps.config?.redisPrefix;
  if (!deps.redis || redisPrefix === undefined || scheduled.has(deps.models)) return;
  const timer = setTimeout(() => {
    scheduled.delete(deps.models);
    track(
      deps.models,
      flushFunnel({ models: deps.models, redis: deps.redis, redisPrefix }).catch((err: unknown) =>
        loggerOf(deps).warn({ err: String(err) }, 'funnel flush failed'),
      ),
    );
  }, FUNNEL_FLUSH_DELAY_MS);
  timer.unref();
  scheduled.set(deps.models, timer);
  if (deps.closers && !withCloser.has(deps.models)) {
    withCloser.add(deps.models);
    deps.closers.push(async () => {
      clearTimeout(scheduled.get(deps.models));
      scheduled.delete(deps.models);
      await settleFunnelMarks(deps.models);
    });
  }
}

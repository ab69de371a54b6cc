import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Redis } from 'ioredis';
import type { Models } from '../models';
import type { FunnelMarkDoc } from '../models/FunnelMark';
import { DayAccumulator, rollupFromMarks, type FunnelMarkRow } from './funnelMarkDocs';

/**
 * Keeps FunnelRollup in step with FunnelMark.
 *
 * A new mark is inserted with `rolledUp: false`. The flusher takes a batch of such marks,
 * recomputes each rollup they touch from ALL of that rollup's marks (replaceOne, never $inc:
 * FerretDB 1.x increments are last-writer-wins), and only then sets `rolledUp` on exactly the
 * marks it read. A crash in between leaves them pending, and the next flush recomputes the
 * same values; a mark inserted meanwhile stays pending for the next turn. The pending flag is
 * in the database, so a Redis flush or a restart loses nothing.
 *
 * Two recomputes of one rollup at once could let the older overwrite the newer, so flushes
 * (and the rebuild) hold one Redis lock per database. Without Redis (a CLI run) the caller is
 * the only writer.
 */
export interface FunnelRollupDeps {
  models: Models;
  redis?: Redis;
  redisPrefix?: string;
}

const BATCH = 500;
const LOCK_MS = 120_000;
/** Marks per `$in` statement when clearing the pending flag after a rebuild. */
const CLEAR_CHUNK = 1_000;

export interface FlushResult {
  marks: number;
  rollups: number;
  /** Another flush or rebuild held the lock: nothing was done. */
  busy: boolean;
}

export async function flushFunnel(deps: FunnelRollupDeps, opts: { max?: number; now?: Date } = {}): Promise<FlushResult> {
  const { models } = deps;
  const max = opts.max ?? Infinity;
  const lock = await acquireLock(deps);
  if (!lock) return { marks: 0, rollups: 0, busy: true };
  let marks = 0;
  let rollups = 0;
  try {
    while (marks < max) {
      const pending = await models.FunnelMark.find({ rolledUp: false }, { rollupId: 1 })
        .limit(Math.min(BATCH, max - marks))
        .lean<Array<Pick<FunnelMarkDoc, '_id' | 'rollupId'>>>();
      if (!pending.length) break;
      const byRollup = new Map<string, string[]>();
      for (const p of pending) byRollup.set(p.rollupId, [...(byRollup.get(p.rollupId) ?? []), p._id]);
      for (const [rollupId, ids] of byRollup) {
        await recomputeRollup(models, rollupId, opts.now ?? new Date());
        await models.FunnelMark.updateMany(
          { rollupId, rolledUp: false, _id: mongoose.trusted({ $in: ids }) },
          { $set: { rolledUp: true } },
        );
        rollups += 1;
      }
      marks += pending.length;
      await lock.extend();
      if (pending.length < BATCH) break;
    }
    return { marks, rollups, busy: false };
  } finally {
    await lock.release();
  }
}

async function recomputeRollup(models: Models, rollupId: string, now: Date): Promise<void> {
  const marks = await models.FunnelMark.find({ rollupId }, { kind: 1, day: 1, amount: 1 }).lean<FunnelMarkRow[]>();
  if (!marks.length) {
    await models.FunnelRollup.deleteOne({ _id: rollupId });
    return;
  }
  await models.FunnelRollup.replaceOne({ _id: rollupId }, rollupFromMarks(rollupId, marks, now), { upsert: true });
}

/**
 * Recomputes every rollup from the marks in one pass (the CLI's `rebuild`, and the end of a
 * backfill): delete and insertMany, because FerretDB 1.24 updates scan (bff/demo/README.md).
 * Reports read empty figures for the moment between the two.
 */
export async function rebuildFunnelRollups(deps: FunnelRollupDeps, now = new Date()): Promise<{ marks: number; rollups: number }> {
  const { models } = deps;
  const lock = await acquireLock(deps, { waitMs: 30_000 });
  if (!lock) throw new Error('funnel rollups are being flushed or rebuilt elsewhere; try again');
  try {
    const cells = new Map<string, DayAccumulator>();
    const pending: string[] = [];
    let marks = 0;
    const cursor = models.FunnelMark.find({}, { kind: 1, day: 1, amount: 1, rollupId: 1, rolledUp: 1 })
      .lean<Array<FunnelMarkRow & Pick<FunnelMarkDoc, '_id' | 'rollupId' | 'rolledUp'>>>()
      .cursor({ batchSize: 1000 });
    for await (const m of cursor) {
      let acc = cells.get(m.rollupId);
      if (!acc) cells.set(m.rollupId, (acc = new DayAccumulator()));
      acc.add(m);
      if (!m.rolledUp) pending.push(m._id);
      marks += 1;
    }
    const docs = [...cells].map(([rollupId, acc]) => ({ ...rollupFromMarks(rollupId, [], now), days: acc.finish() }));
    await models.FunnelRollup.deleteMany({});
    for (let i = 0; i < docs.length; i += 1000) await models.FunnelRollup.insertMany(docs.slice(i, i + 1000), { ordered: false });
    for (let i = 0; i < pending.length; i += CLEAR_CHUNK) {
      await models.FunnelMark.updateMany(
        { rolledUp: false, _id: mongoose.trusted({ $in: pending.slice(i, i + CLEAR_CHUNK) }) },
        { $set: { rolledUp: true } },
      );
      await lock.extend();
    }
    return { marks, rollups: docs.length };
  } finally {
    await lock.release();
  }
}

interface Lock {
  extend(): Promise<void>;
  release(): Promise<void>;
}

async function acquireLock(deps: FunnelRollupDeps, opts: { waitMs?: number } = {}): Promise<Lock | null> {
  const { redis } = deps;
  if (!redis) return { extend: async () => undefined, release: async () => undefined };
  // One lock per database: test files share Redis under their own prefixes, apps of one database share a prefix.
  const key = `${deps.redisPrefix ?? ''}funnel:flush-lock:${deps.models.FunnelMark.db.name}`;
  const token = randomBytes(8).toString('hex');
  const until = Date.now() + (opts.waitMs ?? 0);
  while ((await redis.set(key, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    if (Date.now() >= until) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
  const mine = async () => (await redis.get(key)) === token;
  return {
    async extend() {
      if (await mine()) await redis.pexpire(key, LOCK_MS);
    },
    async release() {
      if (await mine()) await redis.del(key);
    },
  };
}

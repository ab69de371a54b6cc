import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import type { Services } from '../src/context';
import type { HouseholdDoc } from '../models/Household';

/**
 * What a visit needs to know about its household, and what it changes there, kept off the
 * households collection on the hot path.
 *
 * Why: the households collection is the busiest and its documents the largest. Without the
 * GIN indexes of tools/ferretdb, FerretDB 1.24 scans it for every filter, `_id` included
 * (≈0.65 s per `findById` on the 50,000-household bank); with them a read is milliseconds, but
 * an update still rewrites a 3 KB row and all its indexes, which cost most of a visit submit's
 * throughput when done inside the request (bench/visit-submit/RESULTS.md, runs 10–11).
 *
 * - Facts (manager, branch, village, geotag) are read through a Redis cache (5 min). A
 *   global generation number invalidates every cached fact at once: a manager transfer or a
 *   file edit calls `invalidateHouseholdFacts`, so a transferred household's old manager is
 *   refused right away rather than after the cache expires.
 * - The visit rollup (lastVisitAt, nextFollowUp, the geotag the first verified visit sets)
 *   is decided atomically in Redis by one Lua script (latest visit time wins; the first
 *   geotag wins), because FerretDB 1.x applies an update as read-modify-write without a
 *   condition (bench/ferretdb-atomicity): two concurrent visits deciding on the document
 *   would lose one of them. The decided state is written to the household document behind
 *   the request: writing it inside the submit cut throughput from 388 to 137 visits/s on the
 *   50,000-household bank (bench/visit-submit/RESULTS.md). Pending households sit in a global
 *   dirty set and in their manager's; a manager's household list first writes that manager's
 *   pending households (`flushManagerHouseholdVisits`), so a manager always sees their own
 *   visit under 已走访 at once, and a background flusher writes the rest within seconds.
 *   After every write the household is cleaned only if no newer revision was decided
 *   meanwhile, so writes landing out of order converge on the decided state.
 */
export const FACTS_TTL_SEC = 5 * 60;
const VISIT_STATE_TTL_SEC = 7 * 86_400;
const FLUSH_INTERVAL_MS = 1_000;
const FLUSH_BATCH = 20;
const FLUSH_PER_TURN = 4;

export interface HouseholdFacts {
  id: string;
  managerId: string;
  branchId: string;
  villageCode: string;
  geotag: { lat: number; lng: number } | null;
}

type Deps = Pick<Services, 'models' | 'redis' | 'config'> & Partial<Pick<Services, 'closers' | 'logger'>>;

const keys = (prefix: string, id = '') => ({
  gen: `${prefix}hhfacts:gen`,
  facts: `${prefix}hhfacts:${id}`,
  visit: `${prefix}hhvisit:${id}`,
  dirty: `${prefix}hhvisit:dirty`,
  /** With `id` a manager id: that manager's pending households. */
  managerDirty: `${prefix}hhvisit:dirty:${id}`,
});

/** The Redis hash holding a household's decided visit rollup (field `lastAt`: latest visit, ms). */
export const householdVisitStateKey = (prefix: string, householdId: string): string => keys(prefix, householdId).visit;

/** Drops every cached household fact (after a transfer, an edit of a file's village…). */
export async function invalidateHouseholdFacts(redis: Redis, prefix: string): Promise<void> {
  await redis.incr(keys(prefix).gen);
}

type FactsRow = Pick<HouseholdDoc, '_id' | 'managerId' | 'branchId' | 'villageCode' | 'geotag' | 'lastVisitAt' | 'nextFollowUp'>;
const FACTS_PROJECTION = { managerId: 1, branchId: 1, villageCode: 1, geotag: 1, lastVisitAt: 1, nextFollowUp: 1 } as const;

/**
 * The household's facts, from the cache or, on a miss, from the database. On a miss the
 * whole portfolio of `managerId` (the caller) is loaded with one query and cached: a scan
 * costs the same for one household as for all of them, and the manager's next visits hit.
 * Null when the household is not that manager's (or does not exist): the same 404.
 */
export async function loadHouseholdFacts(deps: Deps, householdId: string, managerId: string): Promise<HouseholdFacts | null> {
  const { redis, config } = deps;
  const k = keys(config.redisPrefix, householdId);
  const replies = ((await redis.multi().get(k.gen).get(k.facts).hget(k.visit, 'geotag').exec()) ?? []).map(([, v]) => v as string | null);
  const [gen, cached, geotag] = [replies[0] ?? null, replies[1] ?? null, replies[2] ?? null];
  const generation = gen ?? '0';
  const withRedisGeotag = (f: HouseholdFacts): HouseholdFacts => ({
    ...f,
    geotag: f.geotag ?? (geotag ? (JSON.parse(geotag) as { lat: number; lng: number }) : null),
  });
  if (cached) {
    const { gen: cachedGen, ...facts } = JSON.parse(cached) as HouseholdFacts & { gen: string };
    if (cachedGen === generation) return withRedisGeotag(facts);
  }
  const portfolio = await loadPortfolio(deps, managerId, generation);
  const facts = portfolio.get(householdId);
  return facts ? withRedisGeotag(facts) : null;
}

const loading = new Map<string, Promise<Map<string, HouseholdFacts>>>();

/** One query per manager and generation at a time in this process (concurrent misses share it). */
function loadPortfolio(deps: Deps, managerId: string, generation: string): Promise<Map<string, HouseholdFacts>> {
  const flightKey = `${deps.config.redisPrefix}:${managerId}:${generation}`;
  let flight = loading.get(flightKey);
  if (!flight) {
    flight = readPortfolio(deps, managerId, generation).finally(() => loading.delete(flightKey));
    loading.set(flightKey, flight);
  }
  return flight;
}

async function readPortfolio(deps: Deps, managerId: string, generation: string): Promise<Map<string, HouseholdFacts>> {
  const { redis, config } = deps;
  const rows = Types.ObjectId.isValid(managerId)
    ? await deps.models.Household.find({ managerId: new Types.ObjectId(managerId) }, FACTS_PROJECTION).lean<FactsRow[]>()
    : [];
  const out = new Map<string, HouseholdFacts>();
  const m = redis.multi();
  for (const h of rows) {
    const g = h.geotag;
    const facts: HouseholdFacts = {
      id: String(h._id),
      managerId: String(h.managerId),
      branchId: h.branchId,
      villageCode: h.villageCode,
      geotag: g && typeof g.lat === 'number' && typeof g.lng === 'number' ? { lat: g.lat, lng: g.lng } : null,
    };
    out.set(facts.id, facts);
    const k = keys(config.redisPrefix, facts.id);
    m.set(k.facts, JSON.stringify({ ...facts, gen: generation }), 'EX', FACTS_TTL_SEC);
    // Seed the rollup from the document, so a Redis that lost its state never moves it back.
    if (h.lastVisitAt) {
      m.hsetnx(k.visit, 'lastAt', String(h.lastVisitAt.getTime()));
      m.hsetnx(k.visit, 'nextFollowUp', JSON.stringify(h.nextFollowUp ?? null));
      m.expire(k.visit, VISIT_STATE_TTL_SEC);
    }
  }
  if (rows.length) await m.exec();
  return out;
}

/**
 * KEYS: visit-state hash, global dirty set, the manager's dirty set. ARGV: household id, visit
 * time (ms), nextFollowUp JSON, geotag JSON or '', ttl, manager id. The latest visit by time
 * wins lastAt/nextFollowUp; the first geotag wins. Every change bumps `rev` and marks the
 * household dirty in both sets. Returns whether anything changed.
 */
const RECORD_SCRIPT = `
local last = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '-1')
local at = tonumber(ARGV[2])
local changed = 0
if at >= last then
  redis.call('HSET', KEYS[1], 'lastAt', ARGV[2], 'nextFollowUp', ARGV[3])
  changed = 1
end
if ARGV[4] ~= '' then
  changed = changed + redis.call('HSETNX', KEYS[1], 'geotag', ARGV[4])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if changed > 0 then
  redis.call('HINCRBY', KEYS[1], 'rev', 1)
  redis.call('HSET', KEYS[1], 'manager', ARGV[6])
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('SADD', KEYS[3], ARGV[1])
end
return changed
`;

/**
 * KEYS: visit-state hash, global dirty set. ARGV: household id, rev just written, the key
 * prefix of managers' dirty sets, the caller's idea of the manager ('' if none: used when the
 * state has expired and no longer names one). After a write of revision N: clean (from both sets) if N is
 * still the newest; otherwise (a newer change, or an older write that may have landed after
 * a newer one) mark the household dirty again.
 */
const CLEAN_SCRIPT = `
local manager = redis.call('HGET', KEYS[1], 'manager') or (ARGV[4] ~= '' and ARGV[4]) or nil
local managerKey = ARGV[3] .. (manager or '')
if tonumber(redis.call('HGET', KEYS[1], 'rev') or '0') == tonumber(ARGV[2]) then
  redis.call('SREM', KEYS[2], ARGV[1])
  if manager then redis.call('SREM', managerKey, ARGV[1]) end
  return 1
end
redis.call('SADD', KEYS[2], ARGV[1])
if manager then redis.call('SADD', managerKey, ARGV[1]) end
return 0
`;

/** The document fields for a decided visit state (hash fields as Redis holds them). */
function rollupFields(state: { lastAt?: string; nextFollowUp?: string; geotag?: string }): Record<string, unknown> | null {
  if (!state.lastAt && !state.geotag) return null;
  const set: Record<string, unknown> = {};
  if (state.lastAt) {
    set.lastVisitAt = new Date(Number(state.lastAt));
    set.nextFollowUp = JSON.parse(state.nextFollowUp || 'null') as string | null;
  }
  if (state.geotag) set.geotag = JSON.parse(state.geotag) as unknown;
  return set;
}

/**
 * Records a visit in the household's rollup (decided in Redis); the household document follows
 * behind the request (see the top of this file).
 */
export async function recordHouseholdVisit(
  deps: Deps,
  household: { id: string; managerId: string },
  visit: { at: Date; nextFollowUp: string | null; geotag: { lat: number; lng: number; visitId: Types.ObjectId } | null },
): Promise<void> {
  const prefix = deps.config.redisPrefix;
  const k = keys(prefix, household.id);
  const geotag = visit.geotag
    ? JSON.stringify({ lat: visit.geotag.lat, lng: visit.geotag.lng, visitId: String(visit.geotag.visitId) })
    : '';
  await deps.redis.eval(
    RECORD_SCRIPT,
    3,
    k.visit,
    k.dirty,
    keys(prefix, household.managerId).managerDirty,
    household.id,
    String(visit.at.getTime()),
    JSON.stringify(visit.nextFollowUp),
    geotag,
    VISIT_STATE_TTL_SEC,
    household.managerId,
  );
  ensureFlusher(deps);
}

/** Writes one household's decided rollup, then cleans it unless a newer one was decided. */
async function writeRollup(deps: Pick<Services, 'models' | 'redis' | 'config'>, householdId: string, managerId = ''): Promise<boolean> {
  const { redis, config, models } = deps;
  const k = keys(config.redisPrefix, householdId);
  const state = await redis.hgetall(k.visit);
  const set = rollupFields(state);
  if (set) await models.Household.updateOne({ _id: householdId }, { $set: set });
  await redis.eval(CLEAN_SCRIPT, 2, k.visit, k.dirty, householdId, state.rev ?? '0', keys(config.redisPrefix).managerDirty, managerId);
  return set !== null;
}

/**
 * Writes a manager's pending household rollups before their list is read, so the manager sees
 * their own visits at once. Usually none or one: the background flusher keeps up.
 */
export async function flushManagerHouseholdVisits(deps: Pick<Services, 'models' | 'redis' | 'config'>, managerId: string): Promise<number> {
  const ids = await deps.redis.smembers(keys(deps.config.redisPrefix, managerId).managerDirty);
  const written = await Promise.all(ids.map((id) => writeRollup(deps, id, managerId)));
  return written.filter(Boolean).length;
}

/** Background turns in progress, per Redis prefix (one app each). */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Writes pending rollups to their household documents; returns how many it wrote. Waits for
 * a background turn in progress first, so that afterwards every visit recorded before the
 * call is on its household document.
 */
export async function flushHouseholdVisits(deps: Pick<Services, 'models' | 'redis' | 'config'>, max = Infinity): Promise<number> {
  await inFlight.get(deps.config.redisPrefix);
  return flushBatch(deps, max);
}

async function flushBatch(deps: Pick<Services, 'models' | 'redis' | 'config'>, max: number): Promise<number> {
  const { redis, config } = deps;
  let written = 0;
  while (written < max) {
    const ids = await redis.spop(keys(config.redisPrefix).dirty, Math.min(FLUSH_BATCH, max - written));
    if (!ids.length) break;
    for (const [i, id] of ids.entries()) {
      try {
        if (await writeRollup(deps, id)) written += 1;
      } catch (err) {
        await redis.sadd(keys(config.redisPrefix).dirty, ...ids.slice(i)); // try these again next turn
        throw err;
      }
    }
  }
  return written;
}

/** The apps (their closers list) that already have a flusher. */
const flushers = new WeakSet<object>();

/** One background flusher per app (services object), stopped by the app's closers. */
function ensureFlusher(deps: Deps): void {
  const owner = deps.closers;
  if (!owner) return;
  if (flushers.has(owner)) return;
  let running: Promise<unknown> | null = null;
  let restUntil = 0;
  const turn = () => {
    if (running || Date.now() < restUntil) return;
    const started = Date.now();
    // A few households per turn, then rest three times as long as it took: this is background
    // work and must yield to requests. Pending households coalesce meanwhile.
    running = flushBatch(deps, FLUSH_PER_TURN)
      .catch((err: unknown) => deps.logger?.warn({ err }, 'household visit flush failed'))
      .finally(() => {
        restUntil = Date.now() + 3 * (Date.now() - started);
        running = null;
        inFlight.delete(deps.config.redisPrefix);
      });
    inFlight.set(deps.config.redisPrefix, running);
  };
  const timer = setInterval(turn, FLUSH_INTERVAL_MS);
  timer.unref();
  flushers.add(owner);
  owner.push(async () => {
    clearInterval(timer);
    await running;
    // Leave nothing behind on a clean shutdown.
    await flushHouseholdVisits(deps).catch(() => undefined);
  });
}

/** The data-scope check of ScopedCollection, applied to cached facts. */
export function householdInScope(h: HouseholdFacts, scope: { filter: { branchId?: string; managerId?: Types.ObjectId } }): boolean {
  if (scope.filter.branchId !== undefined && h.branchId !== scope.filter.branchId) return false;
  if (scope.filter.managerId !== undefined && h.managerId !== String(scope.filter.managerId)) return false;
  return true;
}

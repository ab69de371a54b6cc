import type { Redis } from 'ioredis';
import type { ScopeFilter } from '../policies/scope';
import { householdVisitStateKey } from '../visits/householdVisitState';

/**
 * Read-through cache of presented portraits in Redis: `<prefix>portrait:<householdId>` →
 * `<managerId>|<branchId>|<visit stamp>|<portrait JSON>`. The scope fields travel with the
 * body so a hit is checked against the caller's data scope without touching the database,
 * and the body is served as the stored string (no parse, no re-serialise).
 *
 * Freshness:
 * - visits: the entry carries the household's latest-visit time as recordVisit keeps it in
 *   Redis (`householdVisitStateKey`, field `lastAt`, bff/visits/householdVisitState.ts), read in
 *   the same round trip as the entry; a newer visit makes the entry a miss;
 * - the manager transfer and the portrait rebuild drop entries (`invalidatePortraits`,
 *   `flushPortraitCache`);
 * - an in-process level (PORTRAIT_LOCAL_TTL_MS) may serve an entry for that long without
 *   asking Redis, so a visit shows within a second plus the above;
 * - the TTL bounds anything else (a customer's confirmation raising a visit's proof level,
 *   a visit uploaded late with an older time, a file edit).
 */
export const PORTRAIT_CACHE_TTL_SEC = 300;
/**
 * A second, in-process level in front of Redis for this long: under load, a popular portrait
 * is served without its Redis round trip (authentication still makes one). It bounds how long
 * this process can lag behind a visit or an invalidation made elsewhere; invalidations made
 * in this process drop the entry at once.
 */
export const PORTRAIT_LOCAL_TTL_MS = 1000;
const LOCAL_MAX_ENTRIES = 5000;
const local = new Map<string, { entry: CachedPortrait; until: number }>();

function localGet(k: string): CachedPortrait | null {
  const hit = local.get(k);
  if (!hit) return null;
  if (hit.until > Date.now()) return hit.entry;
  local.delete(k);
  return null;
}

function localSet(k: string, entry: CachedPortrait): void {
  // Insertion order is age order: drop the oldest when full.
  if (local.size >= LOCAL_MAX_ENTRIES) local.delete(local.keys().next().value!);
  local.set(k, { entry, until: Date.now() + PORTRAIT_LOCAL_TTL_MS });
}

export interface CachedPortrait {
  managerId: string;
  branchId: string;
  /** The household's latest-visit stamp when the portrait was built ('' for none). */
  visitStamp: string;
  body: string;
}

const key = (prefix: string, householdId: string) => `${prefix}portrait:${householdId}`;

/** The household's current latest-visit stamp ('' when no visit is known to Redis). */
export async function currentVisitStamp(redis: Redis, prefix: string, householdId: string): Promise<string> {
  return (await redis.hget(householdVisitStateKey(prefix, householdId), 'lastAt')) ?? '';
}

/** The cached portrait, or null on a miss or when a newer visit has been recorded since. */
export async function getCachedPortrait(redis: Redis, prefix: string, householdId: string): Promise<CachedPortrait | null> {
  const near = localGet(key(prefix, householdId));
  if (near) return near;
  const replies =
    (await redis.multi().get(key(prefix, householdId)).hget(householdVisitStateKey(prefix, householdId), 'lastAt').exec()) ?? [];
  const raw = replies[0]?.[1] as string | null | undefined;
  const stamp = (replies[1]?.[1] as string | null | undefined) ?? '';
  if (!raw) return null;
  const a = raw.indexOf('|');
  const b = raw.indexOf('|', a + 1);
  const c = raw.indexOf('|', b + 1);
  if (a < 0 || b < 0 || c < 0) return null;
  const entry = { managerId: raw.slice(0, a), branchId: raw.slice(a + 1, b), visitStamp: raw.slice(b + 1, c), body: raw.slice(c + 1) };
  if (entry.visitStamp !== stamp) return null;
  localSet(key(prefix, householdId), entry);
  return entry;
}

export async function cachePortrait(redis: Redis, prefix: string, householdId: string, entry: CachedPortrait): Promise<void> {
  const value = `${entry.managerId}|${entry.branchId}|${entry.visitStamp}|${entry.body}`;
  await redis.set(key(prefix, householdId), value, 'EX', PORTRAIT_CACHE_TTL_SEC);
  localSet(key(prefix, householdId), entry);
}

export async function invalidatePortraits(redis: Redis, prefix: string, householdIds: readonly string[]): Promise<void> {
  for (let i = 0; i < householdIds.length; i += 500) {
    const keys = householdIds.slice(i, i + 500).map((id) => key(prefix, id));
    for (const k of keys) local.delete(k);
    if (keys.length) await redis.del(...keys);
  }
}

/** Drops every cached portrait (after a rebuild), by SCAN so Redis is never blocked. */
export async function flushPortraitCache(redis: Redis, prefix: string): Promise<number> {
  for (const k of local.keys()) if (k.startsWith(`${prefix}portrait:`)) local.delete(k);
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}portrait:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) n += await redis.del(...keys);
  } while (cursor !== '0');
  return n;
}

/** Whether a cached household is within a data scope (the same rule as scopeFilterFor). */
export function cachedInScope(entry: CachedPortrait, scope: ScopeFilter): boolean {
  if (scope.branchId !== undefined && entry.branchId !== scope.branchId) return false;
  if (scope.managerId !== undefined && entry.managerId !== String(scope.managerId)) return false;
  return true;
}

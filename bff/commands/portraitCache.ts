import type { Redis } from 'ioredis';
import type { ScopeFilter } from '../policies/scope';

/**
 * Read-through cache of presented portraits in Redis: `<prefix>portrait:<householdId>` →
 * `<managerId>|<branchId>|<portrait JSON>`. The scope fields travel with the body so a hit
 * is checked against the caller's data scope without touching the database, and the body is
 * served as the stored string (no parse, no re-serialise).
 *
 * Freshness: writers that change what a portrait shows call `invalidatePortraits` (the manager
 * transfer, the portrait rebuild); the TTL bounds how long anything else (a visit recorded
 * by a writer that does not invalidate yet) can be behind.
 */
export const PORTRAIT_CACHE_TTL_SEC = 300;

export interface CachedPortrait {
  managerId: string;
  branchId: string;
  body: string;
}

const key = (prefix: string, householdId: string) => `${prefix}portrait:${householdId}`;

export async function getCachedPortrait(redis: Redis, prefix: string, householdId: string): Promise<CachedPortrait | null> {
  const raw = await redis.get(key(prefix, householdId));
  if (!raw) return null;
  const a = raw.indexOf('|');
  const b = raw.indexOf('|', a + 1);
  if (a < 0 || b < 0) return null;
  return { managerId: raw.slice(0, a), branchId: raw.slice(a + 1, b), body: raw.slice(b + 1) };
}

export async function cachePortrait(redis: Redis, prefix: string, householdId: string, entry: CachedPortrait): Promise<void> {
  await redis.set(key(prefix, householdId), `${entry.managerId}|${entry.branchId}|${entry.body}`, 'EX', PORTRAIT_CACHE_TTL_SEC);
}

export async function invalidatePortraits(redis: Redis, prefix: string, householdIds: readonly string[]): Promise<void> {
  for (let i = 0; i < householdIds.length; i += 500) {
    const keys = householdIds.slice(i, i + 500).map((id) => key(prefix, id));
    if (keys.length) await redis.del(...keys);
  }
}

/** Drops every cached portrait (after a rebuild), by SCAN so Redis is never blocked. */
export async function flushPortraitCache(redis: Redis, prefix: string): Promise<number> {
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

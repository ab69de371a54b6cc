import type { Redis } from 'ioredis';
import type { TimedFix } from './travel';

/**
 * A manager's recent visit fixes, for the teleport check, as a Redis sorted set scored by
 * the fix time: adding is atomic (ZADD), so concurrent submissions lose nothing, and the
 * neighbours in time of a new fix are two range reads, however late an offline phone syncs.
 * Transient by design: losing it only means the next visit has fewer fixes to compare with.
 */
export const MAX_RECENT_FIXES = 50;
const TTL_SEC = 30 * 86_400;

const key = (prefix: string, userId: string) => `${prefix}fixes:${userId}`;

type Member = { v: string; lat: number; lng: number; a: number };

function decode(reply: unknown): TimedFix[] {
  const flat = (reply as string[] | null) ?? [];
  const out: TimedFix[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const m = JSON.parse(flat[i]!) as Member;
    out.push({ at: new Date(Number(flat[i + 1])), lat: m.lat, lng: m.lng, accuracy: m.a });
  }
  return out;
}

/** The fixes just before (or at) and just after `at`, excluding the visit itself. */
export async function neighbourFixes(redis: Redis, prefix: string, userId: string, at: Date): Promise<TimedFix[]> {
  const k = key(prefix, userId);
  const t = at.getTime();
  const res = await redis
    .multi()
    .zrevrangebyscore(k, t, '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
    .zrangebyscore(k, `(${t}`, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    .exec();
  return (res ?? []).flatMap(([, reply]) => decode(reply));
}

export async function addFix(redis: Redis, prefix: string, userId: string, visitId: string, fix: TimedFix): Promise<void> {
  const k = key(prefix, userId);
  const member: Member = { v: visitId, lat: fix.lat, lng: fix.lng, a: fix.accuracy };
  await redis
    .multi()
    .zadd(k, fix.at.getTime(), JSON.stringify(member))
    .zremrangebyrank(k, 0, -(MAX_RECENT_FIXES + 1))
    .expire(k, TTL_SEC)
    .exec();
}

import type { Redis } from 'ioredis';
import { z } from 'zod';
import { chinaDate, daysBetween } from './chinaDate';

/**
 * The port the credit flow needs from the provincial V7 system: the two real-time checks by
 * ID number (省联社风险预警, 司法查控), each with the date it was made. The adapter to the real
 * V7 client lives in v7CheckSource.ts; this file knows nothing of V7's wire format.
 */
export interface V7CheckResult {
  provincialWarning: { level: 'none' | 'low' | 'medium' | 'high'; checkedAt: string } | null;
  judicial: { dishonestDebtor: boolean; enforcement: boolean; frozenAssets: boolean; checkedAt: string } | null;
}

export interface V7Checks {
  /** `'unavailable'` when V7 is down, slow or refuses: the caller then has no checks. */
  check(idNumber: string): Promise<V7CheckResult | 'unavailable'>;
}

export type V7CheckSourceKind = 'v7' | 'cache' | 'unavailable';

const dateSchema = z.iso.date();
export const v7CheckResultSchema = z.object({
  provincialWarning: z.object({ level: z.enum(['none', 'low', 'medium', 'high']), checkedAt: dateSchema }).nullable(),
  judicial: z
    .object({ dishonestDebtor: z.boolean(), enforcement: z.boolean(), frozenAssets: z.boolean(), checkedAt: dateSchema })
    .nullable(),
});

export interface CachedV7ChecksOptions {
  redis: Redis;
  keyPrefix: string;
  source: V7Checks;
  /**
   * How long a complete answer is reused. The model accepts checks up to 30 days old (R10);
   * a few hours keeps decisions close to V7's current view and far from that edge.
   */
  ttlSec?: number;
  /** A cached check older than this (days before asOf) is never used, whatever its TTL. */
  maxAgeDays?: number;
}

/**
 * V7 checks with a Redis cache keyed by the ID number's blind index (never the number).
 * The cached `checkedAt` is what goes into the facts, so the model judges the real age of a
 * check, not the age of the cache entry. Only complete answers are cached: a missing check
 * is asked for again next time. 'unavailable' is never cached.
 */
export class CachedV7Checks {
  private readonly ttlSec: number;
  private readonly maxAgeDays: number;

  constructor(private readonly opts: CachedV7ChecksOptions) {
    this.ttlSec = opts.ttlSec ?? 6 * 3600;
    this.maxAgeDays = opts.maxAgeDays ?? 1;
  }

  private key(idIndex: string): string {
    return `${this.opts.keyPrefix}v7checks:${idIndex}`;
  }

  async check(idNumber: string, idIndex: string, asOf: string): Promise<{ result: V7CheckResult | null; source: V7CheckSourceKind }> {
    const cached = await this.readCache(idIndex, asOf);
    if (cached) return { result: cached, source: 'cache' };
    const fresh = await this.opts.source.check(idNumber).catch(() => 'unavailable' as const);
    if (fresh === 'unavailable') return { result: null, source: 'unavailable' };
    if (fresh.provincialWarning && fresh.judicial) {
      await this.opts.redis.set(this.key(idIndex), JSON.stringify(fresh), 'EX', this.ttlSec);
    }
    return { result: fresh, source: 'v7' };
  }

  /** Stores an answer as if V7 had just given it (tests and demos warm the cache with it). */
  async remember(idIndex: string, result: V7CheckResult): Promise<void> {
    await this.opts.redis.set(this.key(idIndex), JSON.stringify(v7CheckResultSchema.parse(result)), 'EX', this.ttlSec);
  }

  private async readCache(idIndex: string, asOf: string): Promise<V7CheckResult | null> {
    const raw = await this.opts.redis.get(this.key(idIndex));
    if (!raw) return null;
    let parsed: ReturnType<typeof v7CheckResultSchema.safeParse>;
    try {
      parsed = v7CheckResultSchema.safeParse(JSON.parse(raw));
    } catch {
      return null;
    }
    if (!parsed.success || !parsed.data.provincialWarning || !parsed.data.judicial) return null;
    const oldest = [parsed.data.provincialWarning.checkedAt, parsed.data.judicial.checkedAt].sort()[0]!;
    return daysBetween(oldest, asOf) <= this.maxAgeDays ? parsed.data : null;
  }
}

/** V7 reports instants; the model compares calendar dates in China. */
export function checkDate(at: string | Date): string {
  return chinaDate(typeof at === 'string' ? new Date(at) : at);
}

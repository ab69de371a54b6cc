import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { VISIT_CONFIRM_CODE_TTL_SEC } from '@sunshine/shared';

/**
 * Short-lived, single-use codes for a customer's visit confirmation, in Redis (transient
 * keys with expiry; the database has no TTL indexes). Only a hash of the code is a key, so
 * a Redis dump does not hand out live codes. Consumption is one MULTI: GETDEL of the code
 * and a "used" mark kept for a day, so a second scan is told "already used" (409) rather
 * than "expired" (410).
 */
export type CodeLookup = { state: 'live'; visitId: string } | { state: 'used' } | { state: 'expired' };

export class VisitConfirmCodes {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSec = VISIT_CONFIRM_CODE_TTL_SEC,
  ) {}

  private key(kind: 'code' | 'used', code: string): string {
    return `${this.prefix}visitconfirm:${kind}:${createHash('sha256').update(code).digest('base64url')}`;
  }

  async issue(visitId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
    const code = randomBytes(16).toString('base64url'); // 22 characters, fits a 32-character scene
    await this.redis.set(this.key('code', code), visitId, 'EX', this.ttlSec);
    return { code, expiresAt: new Date(now.getTime() + this.ttlSec * 1000) };
  }

  async peek(code: string): Promise<CodeLookup> {
    const [visitId, used] = await Promise.all([this.redis.get(this.key('code', code)), this.redis.exists(this.key('used', code))]);
    if (visitId) return { state: 'live', visitId };
    return used ? { state: 'used' } : { state: 'expired' };
  }

  /** True for the one caller that consumed the live code. */
  async consume(code: string): Promise<boolean> {
    const results = await this.redis.multi().getdel(this.key('code', code)).set(this.key('used', code), '1', 'EX', 86_400).exec();
    return Boolean(results?.[0]?.[1]);
  }
}

import { createHmac, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * One-time SMS codes for customer sign-in (C3 data, JR/T 0171: never stored in clear, never
 * logged). A code lives only in Redis, as an HMAC keyed by a server secret and bound to the
 * phone's blind index, with an expiry; it works once and burns after a few wrong guesses.
 * Sending is limited per phone (one per resend interval, a cap per 24 hours) on top of the
 * per-address limiter of the route.
 *
 * Verification is one Lua script, so two concurrent logins with the right code can't both
 * succeed and parallel guesses can't exceed the attempt limit.
 */
const VERIFY_SCRIPT = `
local h = redis.call('HGET', KEYS[1], 'h')
if not h then return 0 end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if h == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
if attempts >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return -2
end
return -1
`;

export type IssueResult = { ok: true; code: string } | { ok: false; reason: 'resend_too_soon' | 'daily_limit'; retryAfterSec: number };
export type VerifyResult = 'ok' | 'wrong' | 'expired' | 'burnt';

export interface SmsOtpOptions {
  ttlSec: number;
  resendSec: number;
  dailyLimit: number;
  maxAttempts: number;
}

export class SmsOtpStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly secret: Buffer,
    private readonly opts: SmsOtpOptions,
  ) {}

  private digest(phoneIndex: string, code: string): string {
    return createHmac('sha256', this.secret).update(`sms-otp:${phoneIndex}:${code}`).digest('base64url');
  }

  private key(kind: 'code' | 'cool' | 'day', phoneIndex: string): string {
    return `${this.prefix}sms:${kind}:${phoneIndex}`;
  }

  /** Creates a fresh code for the phone, replacing any earlier one, unless a limit says no. */
  async issue(phoneIndex: string): Promise<IssueResult> {
    // The cooldown key is set only if absent: of two parallel requests one gets the code.
    const cool = await this.redis.set(this.key('cool', phoneIndex), '1', 'EX', this.opts.resendSec, 'NX');
    if (cool !== 'OK') {
      const ttl = await this.redis.ttl(this.key('cool', phoneIndex));
      return { ok: false, reason: 'resend_too_soon', retryAfterSec: Math.max(1, ttl) };
    }
    const dayKey = this.key('day', phoneIndex);
    const [[, sentToday]] = (await this.redis.multi().incr(dayKey).expire(dayKey, 86400, 'NX').exec()) as [[Error | null, number]];
    if (sentToday > this.opts.dailyLimit) {
      const ttl = await this.redis.ttl(dayKey);
      return { ok: false, reason: 'daily_limit', retryAfterSec: Math.max(1, ttl) };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const key = this.key('code', phoneIndex);
    await this.redis
      .multi()
      .del(key)
      .hset(key, { h: this.digest(phoneIndex, code), attempts: 0 })
      .expire(key, this.opts.ttlSec)
      .exec();
    return { ok: true, code };
  }

  /** Checks a code; a correct one is consumed. */
  async verify(phoneIndex: string, code: string): Promise<VerifyResult> {
    const res = (await this.redis.eval(
      VERIFY_SCRIPT,
      1,
      this.key('code', phoneIndex),
      this.digest(phoneIndex, code),
      this.opts.maxAttempts,
    )) as number;
    if (res === 1) return 'ok';
    if (res === 0) return 'expired';
    return res === -2 ? 'burnt' : 'wrong';
  }

  /** Forgets a code that could not be delivered, so the customer may ask again at once. */
  async discard(phoneIndex: string): Promise<void> {
    await this.redis.del(this.key('code', phoneIndex), this.key('cool', phoneIndex));
  }
}

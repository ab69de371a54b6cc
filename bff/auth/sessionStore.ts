import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Login sessions with rotating refresh tokens, kept in Redis.
 *
 * A refresh token is `<sessionId>.<secret>`; only its SHA-256 is stored. Each refresh
 * swaps the stored hash atomically (a Lua compare-and-set), so a token works once. Presenting
 * an already-rotated token means it leaked: the whole session is revoked (reuse detection,
 * RFC 9700 §4.14.2). Access tokens carry the session id and are refused once the session is
 * gone, so logout takes effect immediately rather than after 15 minutes.
 *
 * Idle timeout (等保 2.0): the session key's TTL is the idle limit, and every authenticated
 * request slides it (one EXPIRE, which also answers "does the session exist"). A session
 * also has an absolute lifetime, checked on refresh.
 *
 * Losing Redis logs everybody out: the safe direction for a bank.
 */
const ROTATE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'refreshHash')
if not current then return 0 end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  return -1
end
redis.call('HSET', KEYS[1], 'refreshHash', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** Whose session it is: a staff User, or a Customer (who signs in through a share card). */
export type PrincipalKind = 'staff' | 'customer';

export type RotateResult =
  { ok: true; sessionId: string; userId: string; kind: PrincipalKind; refreshToken: string } | { ok: false; reused: boolean };

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleSec: number,
    private readonly maxLifetimeSec: number,
  ) {}

  private key(sessionId: string): string {
    return `${this.prefix}sess:${sessionId}`;
  }

  /** Starts a session and returns its id and first refresh token. */
  async create(userId: string, kind: PrincipalKind = 'staff'): Promise<{ sessionId: string; refreshToken: string }> {
    const sessionId = randomBytes(16).toString('base64url');
    const refreshToken = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    await this.redis
      .multi()
      .hset(this.key(sessionId), { userId, kind, refreshHash: sha256(refreshToken), createdAt: Date.now() })
      .expire(this.key(sessionId), this.idleSec)
      .exec();
    return { sessionId, refreshToken };
  }

  async rotate(refreshToken: string): Promise<RotateResult> {
    const sessionId = refreshToken.split('.')[0] ?? '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(sessionId)) return { ok: false, reused: false };
    const next = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    const key = this.key(sessionId);
    const [userId, createdAt, kind] = await this.redis.hmget(key, 'userId', 'createdAt', 'kind');
    if (userId === null || userId === undefined) return { ok: false, reused: false };
    if (Date.now() - Number(createdAt) > this.maxLifetimeSec * 1000) {
      await this.revoke(sessionId);
      return { ok: false, reused: false };
    }
    const res = (await this.redis.eval(ROTATE_SCRIPT, 1, key, sha256(refreshToken), sha256(next), this.idleSec)) as number;
    // Sessions from before `kind` existed are staff sessions.
    if (res === 1) return { ok: true, sessionId, userId, kind: kind === 'customer' ? 'customer' : 'staff', refreshToken: next };
    return { ok: false, reused: res === -1 };
  }

  /** True when the session exists; slides its idle timeout. */
  async touch(sessionId: string): Promise<boolean> {
    return (await this.redis.expire(this.key(sessionId), this.idleSec)) === 1;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.redis.del(this.key(sessionId));
  }
}

import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from '@sunshine/shared';

/**
 * Access tokens and short-lived WeChat bind tokens (JWT, HS256).
 *
 * The algorithm list is pinned on verify, so `alg: none` and algorithm-confusion tokens
 * are refused; issuer and audience are checked so a bind token can never be used as an
 * access token.
 */
const ISSUER = 'sunshine-bff';
const ACCESS_AUDIENCE = 'sunshine-api';
const BIND_AUDIENCE = 'sunshine-wechat-bind';

export interface AccessClaims {
  sub: string;
  sid: string;
  username: string;
  role: Role;
  branchId: string | null;
  name: string;
}

export type VerifyFailure = 'expired' | 'invalid';

/** Verified access tokens kept per process (oldest dropped first). */
const VERIFIED_CACHE_MAX = 10_000;

export class TokenService {
  /**
   * The secret as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it
   * as a PEM public key on every verify (and fails, throwing) before making a secret key: 6 % of
   * the BFF's CPU under load (bench/visit-submit, CPU profile).
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string,
    readonly accessTtlSec: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  signAccess(claims: AccessClaims): string {
    const { sub, ...rest } = claims;
    return jwt.sign(rest, this.secret, {
      algorithm: 'HS256',
      subject: sub,
      issuer: ISSUER,
      audience: ACCESS_AUDIENCE,
      expiresIn: this.accessTtlSec,
    });
  }

  /**
   * Tokens already verified by this process, until they expire: a phone sends the same token
   * with every request for 15 minutes, and the signature check was 10 % of a cached read's CPU
   * (bench/portrait). Only successes are kept, keyed by the whole token, so a forged or
   * altered token is always checked in full. The session check in Redis still runs per request.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expMs: number }>();

  verifyAccess(token: string): AccessClaims | VerifyFailure {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expMs > Date.now()) return hit.claims;
      this.verified.delete(token);
      return 'expired';
    }
    const result = this.verifyAccessFully(token);
    if (typeof result === 'object') {
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { claims: result.claims, expMs: result.expMs });
      return result.claims;
    }
    return result;
  }

  private verifyAccessFully(token: string): { claims: AccessClaims; expMs: number } | VerifyFailure {
    try {
      const p = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: ACCESS_AUDIENCE,
      });
      if (typeof p === 'string' || typeof p.sub !== 'string' || typeof p.sid !== 'string' || typeof p.exp !== 'number') return 'invalid';
      const claims: AccessClaims = {
        sub: p.sub,
        sid: p.sid,
        username: String(p.username),
        role: p.role as Role,
        branchId: (p.branchId as string | null) ?? null,
        name: String(p.name),
      };
      return { claims, expMs: p.exp * 1000 };
    } catch (err) {
      return err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid';
    }
  }

  signBind(openid: string): string {
    return jwt.sign({ openid }, this.secret, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: BIND_AUDIENCE,
      expiresIn: 10 * 60,
    });
  }

  verifyBind(token: string): string | null {
    try {
      const p = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER, audience: BIND_AUDIENCE });
      return typeof p === 'object' && typeof p.openid === 'string' ? p.openid : null;
    } catch {
      return null;
    }
  }
}

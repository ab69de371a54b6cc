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

export class TokenService {
  constructor(
    private readonly secret: string,
    readonly accessTtlSec: number,
  ) {}

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

  verifyAccess(token: string): AccessClaims | VerifyFailure {
    try {
      const p = jwt.verify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: ACCESS_AUDIENCE,
      });
      if (typeof p === 'string' || typeof p.sub !== 'string' || typeof p.sid !== 'string') return 'invalid';
      return {
        sub: p.sub,
        sid: p.sid,
        username: String(p.username),
        role: p.role as Role,
        branchId: (p.branchId as string | null) ?? null,
        name: String(p.name),
      };
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

import type { Middleware } from 'koa';
import { ERROR_IDS, ROLE_SCOPE } from '@sunshine/shared';
import { UnauthenticatedError } from '../errors';
import type { AppContext, AppState } from '../context';
import { createDataScope } from '../../policies/scope';

/**
 * Bearer-token authentication: a valid HS256 access token whose session is still live.
 * Puts the caller and their data scope on ctx.state.
 */
export function authenticate(): Middleware<AppState, AppContext> {
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
    if (!match?.[1]) throw new UnauthenticatedError();
    const claims = ctx.services.tokens.verifyAccess(match[1]);
    if (claims === 'expired') throw new UnauthenticatedError(ERROR_IDS.tokenExpired, '登录已过期,请重新登录');
    if (claims === 'invalid') throw new UnauthenticatedError(ERROR_IDS.invalidToken, '无效的登录凭证');
    if (!(await ctx.services.sessions.touch(claims.sid))) {
      throw new UnauthenticatedError(ERROR_IDS.invalidToken, '会话已失效,请重新登录');
    }
    const user = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      branchId: claims.branchId,
      name: claims.name,
      sessionId: claims.sid,
      scope: ROLE_SCOPE[claims.role],
    };
    ctx.state.user = user;
    ctx.state.scope = createDataScope(user, ctx.services.models);
    await next();
  };
}

import type { Middleware } from 'koa';
import { Types } from 'mongoose';
import { ERROR_IDS, ROLE_SCOPE } from '@sunshine/shared';
import { UnauthenticatedError } from '../errors';
import type { AppContext, AppState, AuthUser } from '../context';
import { createDataScope } from '../../policies/scope';
import type { AccessClaims } from '../../auth/tokenService';

/**
 * Bearer-token authentication: a valid HS256 access token whose session is still live.
 * Puts the caller and their data scope on ctx.state.
 *
 * Customers (role `customer`) are not staff Users: their principal is a Customer, checked to
 * still be active, and they get a data scope that matches nothing, so a staff route reached
 * by mistake can never list a household for them. What a customer may see (their own
 * appointments) is filtered by customer id in the customer routes.
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
    const user: AuthUser = {
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      branchId: claims.branchId,
      name: claims.name,
      sessionId: claims.sid,
      scope: ROLE_SCOPE[claims.role],
    };
    if (claims.role === 'customer') {
      await assertActiveCustomer(ctx.services, claims);
      ctx.state.user = user;
      // A branch scope without a branch matches no staff data at all.
      ctx.state.scope = createDataScope({ ...user, scope: 'branch', branchId: null }, ctx.services.models);
    } else {
      ctx.state.user = user;
      ctx.state.scope = createDataScope(user, ctx.services.models);
    }
    await next();
  };
}

async function assertActiveCustomer(services: AppContext['services'], claims: AccessClaims): Promise<void> {
  const customer = Types.ObjectId.isValid(claims.sub) ? await services.models.Customer.findById(claims.sub).lean() : null;
  if (!customer || !customer.active) {
    await services.sessions.revoke(claims.sid);
    throw new UnauthenticatedError(ERROR_IDS.invalidToken, '会话已失效,请重新登录');
  }
}

import Router from '@koa/router';
import {
  ERROR_IDS,
  loginRequestSchema,
  refreshRequestSchema,
  tokenPairSchema,
  wechatBindRequestSchema,
  wechatBindRequiredSchema,
  wechatLoginRequestSchema,
  errorResponseSchema,
} from '@sunshine/shared';
import { z } from 'zod';
import type { AppContext, AppState, Ctx } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { AppError, UnauthenticatedError } from '../../src/errors';
import { authenticatePassword } from '../../commands/authenticatePassword';
import { issueSession, tokenPairFor } from '../../commands/issueSession';
import { recordAudit } from '../../commands/recordAudit';
import type { UserDoc } from '../../models/User';
import { rateLimit } from '../../src/middleware/rateLimit';

/** Staff authentication: password, WeChat (code2Session + one-time bind), refresh, logout. */
export function authRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  // Brute force is also slowed per client address, before the per-account lockout.
  router.use(
    ['/auth/login', '/auth/wechat/login', '/auth/wechat/bind', '/auth/refresh'],
    rateLimit({ name: 'auth', limit: (ctx) => ctx.services.config.authRateLimitPerMin, windowSec: 60 }),
  );
  const meta = (ctx: Ctx) => ({ ip: ctx.ip, requestId: ctx.state.requestId });
  const errors = {
    400: { description: '输入无效', schema: errorResponseSchema },
    401: { description: '凭证无效', schema: errorResponseSchema },
  };

  defineRoute(router, {
    method: 'post',
    path: '/auth/login',
    summary: 'Password login',
    tags: ['auth'],
    policy: 'public',
    body: loginRequestSchema,
    responses: {
      200: { description: '登录成功', schema: tokenPairSchema },
      ...errors,
      423: { description: '账号已锁定', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const user = await authenticatePassword(ctx.services, body.username, body.password, meta(ctx));
      ctx.body = await issueSession(ctx.services, user);
      await recordAudit(ctx.services.models, {
        ...meta(ctx),
        event: 'auth.login',
        outcome: 'success',
        userId: String(user._id),
        username: user.username,
      });
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate the refresh token; the old one stops working',
    tags: ['auth'],
    policy: 'public',
    body: refreshRequestSchema,
    responses: { 200: { description: '新的令牌', schema: tokenPairSchema }, ...errors },
    async handler(ctx, { body }) {
      const rotated = await ctx.services.sessions.rotate(body.refreshToken);
      if (!rotated.ok) {
        if (rotated.reused) {
          await recordAudit(ctx.services.models, {
            ...meta(ctx),
            event: 'auth.refresh_reuse',
            outcome: 'failure',
            details: { revoked: true },
          });
        }
        throw new UnauthenticatedError(ERROR_IDS.refreshInvalid, '登录已失效,请重新登录');
      }
      const user = await ctx.services.models.User.findById(rotated.userId).lean<UserDoc>();
      if (!user || !user.active) {
        await ctx.services.sessions.revoke(rotated.sessionId);
        throw new UnauthenticatedError(ERROR_IDS.refreshInvalid, '登录已失效,请重新登录');
      }
      ctx.body = tokenPairFor(ctx.services, user, rotated.sessionId, rotated.refreshToken);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/auth/logout',
    summary: 'Revoke the current session (access and refresh tokens)',
    tags: ['auth'],
    policy: 'isStaffOrCustomer',
    responses: { 204: { description: '已退出' } },
    async handler(ctx, { user }) {
      await ctx.services.sessions.revoke(user.sessionId);
      await recordAudit(ctx.services.models, {
        ...meta(ctx),
        event: 'auth.logout',
        outcome: 'success',
        userId: user.id,
        username: user.username,
      });
      ctx.status = 204;
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/auth/wechat/login',
    summary: 'WeChat login: exchange a wx.login code; a first login must bind a staff account',
    tags: ['auth'],
    policy: 'public',
    body: wechatLoginRequestSchema,
    responses: {
      200: { description: '登录成功,或需要绑定账号', schema: z.union([tokenPairSchema, wechatBindRequiredSchema]) },
      ...errors,
      503: { description: '微信服务不可用', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const { openid } = await ctx.services.wechat.code2Session(body.code).catch((err: unknown) => {
        ctx.log.warn({ err: String(err) }, 'code2Session failed');
        throw new AppError(401, ERROR_IDS.wechatCodeInvalid, '微信登录失败,请重试');
      });
      const binding = await ctx.services.models.WechatBinding.findById(openid).lean();
      const user = binding ? await ctx.services.models.User.findById(binding.userId).lean<UserDoc>() : null;
      if (!user || !user.active) {
        ctx.body = { bindRequired: true, bindToken: ctx.services.tokens.signBind(openid) };
        return;
      }
      ctx.body = await issueSession(ctx.services, user);
      await recordAudit(ctx.services.models, {
        ...meta(ctx),
        event: 'auth.wechat_login',
        outcome: 'success',
        userId: String(user._id),
        username: user.username,
      });
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/auth/wechat/bind',
    summary: 'Bind the WeChat openid of a bind token to a staff account (username + password)',
    tags: ['auth'],
    policy: 'public',
    body: wechatBindRequestSchema,
    responses: {
      200: { description: '绑定并登录成功', schema: tokenPairSchema },
      ...errors,
      423: { description: '账号已锁定', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const openid = ctx.services.tokens.verifyBind(body.bindToken);
      if (!openid) throw new AppError(401, ERROR_IDS.wechatBindInvalid, '绑定已过期,请重新登录');
      const user = await authenticatePassword(ctx.services, body.username, body.password, meta(ctx));
      // One openid per staff account: a re-bind moves the account to the new WeChat.
      await ctx.services.models.WechatBinding.deleteMany({ userId: user._id });
      await ctx.services.models.WechatBinding.updateOne({ _id: openid }, { $set: { userId: user._id } }, { upsert: true });
      ctx.body = await issueSession(ctx.services, user);
      await recordAudit(ctx.services.models, {
        ...meta(ctx),
        event: 'auth.wechat_bind',
        outcome: 'success',
        userId: String(user._id),
        username: user.username,
      });
    },
  });

  return router;
}

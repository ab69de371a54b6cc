import Router from '@koa/router';
import {
  ERROR_IDS,
  customerSmsCodeRequestSchema,
  customerSmsLoginSchema,
  customerWechatLoginSchema,
  errorResponseSchema,
  refreshRequestSchema,
  smsCodeSentSchema,
  tokenPairSchema,
} from '@sunshine/shared';
import type { AppContext, AppState, Ctx } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { AppError, UnauthenticatedError } from '../../src/errors';
import { rateLimit } from '../../src/middleware/rateLimit';
import { loadShareCard, customerTokenPair, signInCustomer } from '../../commands/signInCustomer';
import { sendCustomerSmsCode, verifyCustomerSmsCode } from '../../commands/sendCustomerSmsCode';
import { recordAudit } from '../../commands/recordAudit';
import type { CustomerDoc } from '../../models/Customer';

/**
 * Customer sign-in through a share card: WeChat (code2Session, server side only) in the mini
 * program, a one-time SMS code in the H5 build; and the customer's token refresh.
 */
export function customerAuthRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  router.use(
    ['/public/customer/wechat-login', '/public/customer/sms-code', '/public/customer/sms-login', '/public/customer/refresh'],
    rateLimit({ name: 'customer-auth', limit: (ctx) => ctx.services.config.authRateLimitPerMin, windowSec: 60 }),
  );
  const meta = (ctx: Ctx) => ({ ip: ctx.ip, requestId: ctx.state.requestId });
  const cardErrors = {
    400: { description: '输入无效', schema: errorResponseSchema },
    404: { description: '名片不存在', schema: errorResponseSchema },
    409: { description: '名片已被其他客户使用', schema: errorResponseSchema },
    410: { description: '名片已过期', schema: errorResponseSchema },
  };
  const audit = (ctx: Ctx, event: string, customerId: string) =>
    recordAudit(ctx.services.models, { ...meta(ctx), event, outcome: 'success', userId: customerId, username: 'customer' });

  defineRoute(router, {
    method: 'post',
    path: '/public/customer/wechat-login',
    summary: 'Customer WeChat sign-in through a share card (wx.login code + share code)',
    tags: ['customer'],
    policy: 'public',
    body: customerWechatLoginSchema,
    responses: {
      200: { description: '登录成功', schema: tokenPairSchema },
      ...cardErrors,
      401: { description: '微信登录失败', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const card = await loadShareCard(ctx.services, body.shareCode);
      const { openid } = await ctx.services.wechat.code2Session(body.code).catch((err: unknown) => {
        ctx.log.warn({ err: String(err) }, 'code2Session failed');
        throw new AppError(401, ERROR_IDS.wechatCodeInvalid, '微信登录失败,请重试');
      });
      const pair = await signInCustomer(ctx.services, card, { kind: 'wechat', openid });
      await audit(ctx, 'customer.wechat_login', pair.user.id);
      ctx.body = pair;
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/public/customer/sms-code',
    summary: 'Send a one-time sign-in code to the customer’s phone (H5)',
    tags: ['customer'],
    policy: 'public',
    body: customerSmsCodeRequestSchema,
    responses: {
      200: { description: '验证码已发送', schema: smsCodeSentSchema },
      ...cardErrors,
      429: { description: '发送过于频繁', schema: errorResponseSchema },
      503: { description: '短信服务不可用', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      ctx.body = await sendCustomerSmsCode(ctx.services, body);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/public/customer/sms-login',
    summary: 'Customer sign-in with the SMS code (H5)',
    tags: ['customer'],
    policy: 'public',
    body: customerSmsLoginSchema,
    responses: {
      200: { description: '登录成功', schema: tokenPairSchema },
      ...cardErrors,
      401: { description: '验证码错误或已失效', schema: errorResponseSchema },
      429: { description: '错误次数过多', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const card = await loadShareCard(ctx.services, body.shareCode);
      await verifyCustomerSmsCode(ctx.services, body.phone, body.code);
      const pair = await signInCustomer(ctx.services, card, { kind: 'phone', phone: body.phone });
      await audit(ctx, 'customer.sms_login', pair.user.id);
      ctx.body = pair;
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/public/customer/refresh',
    summary: 'Rotate a customer’s refresh token',
    tags: ['customer'],
    policy: 'public',
    body: refreshRequestSchema,
    responses: {
      200: { description: '新的令牌', schema: tokenPairSchema },
      401: { description: '登录已失效', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      const rotated = await ctx.services.sessions.rotate(body.refreshToken);
      if (!rotated.ok) throw new UnauthenticatedError(ERROR_IDS.refreshInvalid, '登录已失效,请重新登录');
      const customer = rotated.kind === 'customer' ? await ctx.services.models.Customer.findById(rotated.userId).lean<CustomerDoc>() : null;
      if (!customer || !customer.active) {
        await ctx.services.sessions.revoke(rotated.sessionId);
        throw new UnauthenticatedError(ERROR_IDS.refreshInvalid, '登录已失效,请重新登录');
      }
      ctx.body = customerTokenPair(ctx.services, customer, rotated.sessionId, rotated.refreshToken);
    },
  });

  return router;
}

import { createHash } from 'node:crypto';
import Koa from 'koa';
import Router from '@koa/router';
import { subscribeMessageRoutes } from './subscribeMessages';
import { smsGatewayRoutes } from './smsGateway';
import { wxaCodeRoutes } from './wxaCode';

/**
 * A local simulator of WeChat's server API for development and tests, so the BFF's real
 * HTTP client is exercised instead of a bypass. It behaves like the real service where the
 * BFF can tell: wrong appid/secret → 40125/40013, unknown code → 40029, a code used twice →
 * 40163. The mini program's `wx.login` in dev returns codes `sim-code-<anything>`; the same
 * suffix always maps to the same openid, so a person keeps their openid across logins.
 */
export interface MockWechatOptions {
  appId: string;
  secret: string;
  /** The SMS gateway simulator's API key (the BFF's SMS_API_KEY); defaults to the dev key. */
  smsApiKey?: string;
}

export function openidFor(codeSuffix: string): string {
  return `o_sim_${createHash('sha256').update(codeSuffix).digest('base64url').slice(0, 22)}`;
}

export function createMockWechat(opts: MockWechatOptions): Koa {
  const used = new Set<string>();
  const router = new Router();

  router.get('/sns/jscode2session', (ctx) => {
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query as Record<string, string | undefined>;
    if (appid !== opts.appId) return void (ctx.body = { errcode: 40013, errmsg: 'invalid appid' });
    if (secret !== opts.secret) return void (ctx.body = { errcode: 40125, errmsg: 'invalid appsecret' });
    if (grantType !== 'authorization_code') return void (ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' });
    const match = /^sim-code-([A-Za-z0-9._-]{1,64})$/.exec(code ?? '');
    if (!match?.[1]) return void (ctx.body = { errcode: 40029, errmsg: 'invalid code' });
    if (used.has(code!)) return void (ctx.body = { errcode: 40163, errmsg: 'code been used' });
    used.add(code!);
    const suffix = match[1].replace(/\.[^.]*$/, ''); // "alice.1", "alice.2" → same person
    ctx.body = { openid: openidFor(suffix), session_key: createHash('sha256').update(`sk:${code}`).digest('base64') };
  });

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  const app = new Koa();
  app.use(router.routes());

  // Subscription messages (cgi-bin/token + message/subscribe/send) and, as its own router,
  // the SMS gateway simulator used by the H5 customer sign-in.
  const subscribe = subscribeMessageRoutes({ appId: opts.appId, secret: opts.secret });
  app.use(subscribe.routes());
  const sms = smsGatewayRoutes({ apiKey: opts.smsApiKey ?? 'demo-sms-key' });
  app.use(sms.routes());

  // Mini-program codes (wxa/getwxacodeunlimit) for the customer's visit confirmation.
  app.use(wxaCodeRoutes().routes());
  return app;
}

import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';

/**
 * WeChat's interface-call credential (`cgi-bin/token`) and subscription messages
 * (`cgi-bin/message/subscribe/send`), as the BFF's client sees them: a token is issued for the
 * right appid/secret and expires, a message needs a live token and a template, and every
 * accepted message is recorded for tests at `GET /admin/subscribe-messages`.
 */
export interface RecordedSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  receivedAt: string;
}

export function subscribeMessageRoutes(opts: { appId: string; secret: string; tokenTtlSec?: number }): Router {
  const router = new Router();
  const tokens = new Map<string, number>(); // access_token → expiry (epoch ms)
  const sent: RecordedSubscribeMessage[] = [];
  const ttlSec = opts.tokenTtlSec ?? 7200;

  router.get('/cgi-bin/token', (ctx) => {
    const { grant_type: grantType, appid, secret } = ctx.query as Record<string, string | undefined>;
    if (grantType !== 'client_credential') return void (ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' });
    if (appid !== opts.appId) return void (ctx.body = { errcode: 40013, errmsg: 'invalid appid' });
    if (secret !== opts.secret) return void (ctx.body = { errcode: 40125, errmsg: 'invalid appsecret' });
    const token = `sim-at-${randomBytes(16).toString('hex')}`;
    tokens.set(token, Date.now() + ttlSec * 1000);
    ctx.body = { access_token: token, expires_in: ttlSec };
  });

  router.post('/cgi-bin/message/subscribe/send', bodyParser({ enableTypes: ['json'] }), (ctx) => {
    const token = String(ctx.query.access_token ?? '');
    const expiry = tokens.get(token);
    if (expiry === undefined) return void (ctx.body = { errcode: 40001, errmsg: 'invalid credential' });
    if (expiry < Date.now()) return void (ctx.body = { errcode: 42001, errmsg: 'access_token expired' });
    const body = (ctx.request.body ?? {}) as Partial<{ touser: string; template_id: string; page: string; data: unknown }>;
    if (!body.touser) return void (ctx.body = { errcode: 40003, errmsg: 'invalid openid' });
    if (!body.template_id) return void (ctx.body = { errcode: 40037, errmsg: 'invalid template_id' });
    if (!body.data || typeof body.data !== 'object') return void (ctx.body = { errcode: 47003, errmsg: 'argument invalid! data' });
    sent.push({
      touser: body.touser,
      templateId: body.template_id,
      page: body.page ?? null,
      data: body.data as RecordedSubscribeMessage['data'],
      receivedAt: new Date().toISOString(),
    });
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  router.get('/admin/subscribe-messages', (ctx) => {
    const touser = ctx.query.touser;
    ctx.body = typeof touser === 'string' ? sent.filter((m) => m.touser === touser) : sent;
  });

  router.delete('/admin/subscribe-messages', (ctx) => {
    sent.length = 0;
    ctx.status = 204;
  });

  return router;
}

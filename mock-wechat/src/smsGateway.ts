import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';

/**
 * A simulator of the bank's SMS gateway: `POST /sms/send` with the gateway's API key delivers
 * a message into an outbox that tests (and the H5 E2E) read at `GET /admin/sms?phone=`. It
 * stands in for phones, so it is the one place a one-time code may be seen in dev and tests.
 */
export interface RecordedSms {
  phone: string;
  text: string;
  signName: string | null;
  receivedAt: string;
}

export function smsGatewayRoutes(opts: { apiKey: string }): Router {
  const router = new Router();
  const outbox: RecordedSms[] = [];

  router.post('/sms/send', bodyParser({ enableTypes: ['json'] }), (ctx) => {
    if (ctx.get('Authorization') !== `Bearer ${opts.apiKey}`) {
      ctx.status = 401;
      ctx.body = { ok: false, error: 'invalid api key' };
      return;
    }
    const body = (ctx.request.body ?? {}) as Partial<{ phone: string; text: string; signName: string }>;
    if (typeof body.phone !== 'string' || !/^1\d{10}$/.test(body.phone) || typeof body.text !== 'string' || !body.text) {
      ctx.status = 400;
      ctx.body = { ok: false, error: 'phone and text are required' };
      return;
    }
    outbox.push({ phone: body.phone, text: body.text, signName: body.signName ?? null, receivedAt: new Date().toISOString() });
    ctx.body = { ok: true };
  });

  router.get('/admin/sms', (ctx) => {
    const phone = ctx.query.phone;
    ctx.body = typeof phone === 'string' ? outbox.filter((m) => m.phone === phone) : outbox;
  });

  router.delete('/admin/sms', (ctx) => {
    outbox.length = 0;
    ctx.status = 204;
  });

  return router;
}

import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import QRCode from 'qrcode';

/**
 * `wxa/getwxacodeunlimit`: an unlimited mini-program code for a page and a scene. The real
 * service draws a "sun code" only WeChat can read; the simulator draws a plain QR code (a
 * real PNG) of a URL naming the page and scene, so a person testing with a phone can read
 * what it would open. Argument checks follow the documented errors: scene ≤ 32 visible
 * characters (40097), a page path without a leading slash (41030).
 *
 * Access tokens are issued by the cgi-bin/token route of subscribeMessages.ts; this route
 * accepts the simulator's token format, not a specific issued token.
 */
export interface RecordedWxaCode {
  scene: string;
  page: string;
  envVersion: string;
  requestedAt: string;
}

const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function wxaCodeRoutes(): Router {
  const router = new Router();
  const issued: RecordedWxaCode[] = [];

  router.post('/wxa/getwxacodeunlimit', bodyParser({ enableTypes: ['json'] }), async (ctx) => {
    const token = String(ctx.query.access_token ?? '');
    if (!/^sim-at-[0-9a-f]{32}$/.test(token)) return void (ctx.body = { errcode: 40001, errmsg: 'invalid credential' });
    const body = (ctx.request.body ?? {}) as Partial<{ scene: string; page: string; env_version: string; width: number }>;
    if (typeof body.scene !== 'string' || !SCENE.test(body.scene))
      return void (ctx.body = { errcode: 40097, errmsg: 'invalid args: scene' });
    if (body.page !== undefined && (typeof body.page !== 'string' || body.page.startsWith('/'))) {
      return void (ctx.body = { errcode: 41030, errmsg: 'invalid page' });
    }
    const page = body.page ?? 'pages/index/index';
    issued.push({ scene: body.scene, page, envVersion: body.env_version ?? 'release', requestedAt: new Date().toISOString() });
    const width = Math.min(1280, Math.max(280, Number(body.width) || 430));
    const text = `https://mp.weixin.qq.com/sim-wxacode?page=${encodeURIComponent(page)}&scene=${encodeURIComponent(body.scene)}`;
    ctx.type = 'image/png';
    ctx.body = await QRCode.toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
  });

  /** For tests: the codes requested so far (latest last). */
  router.get('/admin/wxacodes', (ctx) => {
    ctx.body = issued;
  });

  return router;
}

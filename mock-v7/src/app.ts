import Koa from 'koa';
import Router from '@koa/router';

/**
 * Simulator of the provincial union's V7 credit-risk system (省联社信贷风险管理系统 V7,
 * 阳光信贷平台). For now it answers health checks; the signed REST API, idempotent
 * pre-credit intake, real-time checks, webhooks and fault injection come with the credit
 * flow (issue 4).
 */
export function createMockV7(): Koa {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', system: 'mock-v7' };
  });
  const app = new Koa();
  app.use(router.routes());
  return app;
}

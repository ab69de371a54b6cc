import Koa from 'koa';
import compose from 'koa-compose';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { V7_DEFAULT_CLOCK_SKEW_MS } from '@sunshine/shared';
import { adminRoutes } from './adminRoutes';
import { apiRoutes } from './apiRoutes';
import { V7Error, errorBody, v7ErrorHandler } from './errors';
import { FaultState, faultInjection } from './faults';
import type { V7Models } from './models';
import { signedRequests } from './signedRequests';
import type { WebhookTarget } from './webhooks';

/**
 * Simulator of the provincial union's V7 credit-risk system (省联社信贷风险管理系统 V7,
 * 阳光信贷平台): signed REST API under /v7/api (real-time checks, household files, pre-credit
 * applications, sync status), its operator console under /admin, and /healthz. It never
 * listens: server.ts does. Webhook delivery runs separately (webhooks.ts WebhookDispatcher).
 * See mock-v7/README.md.
 */
export interface MockV7Options {
  models: V7Models;
  /** Registered callers: app id → HMAC secret. */
  apps: Record<string, string>;
  webhook: WebhookTarget;
  faults?: FaultState;
  clockSkewMs?: number;
  now?: () => number;
  /** Called after a webhook event is stored, to wake the dispatcher. */
  onWebhookEnqueued?: () => void;
}

export function createMockV7(opts: MockV7Options): Koa {
  const now = opts.now ?? Date.now;
  const faults = opts.faults ?? new FaultState();

  const system = new Router();
  system.get('/healthz', (ctx) => {
    if (faults.outage) {
      ctx.status = 503;
      ctx.body = { status: 'outage', system: 'mock-v7' };
      return;
    }
    ctx.body = { status: 'ok', system: 'mock-v7' };
  });

  const api = apiRoutes(opts.models, now);
  const apiStack: Koa.Middleware = compose<Koa.ParameterizedContext>([
    faultInjection(faults),
    v7ErrorHandler(),
    signedRequests({ models: opts.models, apps: opts.apps, clockSkewMs: opts.clockSkewMs ?? V7_DEFAULT_CLOCK_SKEW_MS, now }),
    api.routes() as Koa.Middleware,
    api.allowedMethods() as Koa.Middleware,
  ]);
  const admin = adminRoutes({
    models: opts.models,
    faults,
    webhook: opts.webhook,
    now,
    onWebhookEnqueued: opts.onWebhookEnqueued ?? (() => undefined),
  });

  const app = new Koa();
  app.silent = true;
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/v7/api/')) {
      await apiStack(ctx, async () => {
        throw new V7Error(404, 'v7.not_found', '接口不存在');
      });
      return;
    }
    await next();
  });
  app.use(v7ErrorHandler());
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '1mb' }));
  app.use(admin.routes());
  app.use(admin.allowedMethods());
  app.use(system.routes());
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = errorBody('v7.not_found', '接口不存在');
  });
  return app;
}

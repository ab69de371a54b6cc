import Router from '@koa/router';
import type { AppContext, AppState } from '../../src/context';
import { buildOpenApiDocument } from '../../src/http/openapi';

/** Health and the API description; both public. */
export function systemRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  router.get('/healthz', async (ctx) => {
    const { conn, redis } = ctx.services;
    const [db, cache] = await Promise.all([
      withTimeout(Promise.resolve(conn.db).then((db) => db!.admin().ping())).then(
        () => 'ok',
        () => 'down',
      ),
      withTimeout(redis.ping()).then(
        () => 'ok',
        () => 'down',
      ),
    ]);
    ctx.status = db === 'ok' && cache === 'ok' ? 200 : 503;
    ctx.body = { status: ctx.status === 200 ? 'ok' : 'degraded', db, redis: cache };
  });

  let cached: unknown = null;
  router.get('/api/v1/openapi.json', (ctx) => {
    cached ??= buildOpenApiDocument();
    ctx.body = cached;
  });

  return router;
}

function withTimeout<T>(p: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

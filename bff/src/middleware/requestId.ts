import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState, AppContext } from '../context';

/**
 * Gives every request an id (or keeps a sane one from the caller), echoes it in
 * `X-Request-Id`, and logs one line per request with status and duration.
 */
export function requestId(): Middleware<AppState, AppContext> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    // The request's child logger is made on first use: a pino child costs more than the rest
    // of this middleware, and most requests at level warn never log (bench/portrait).
    let log: AppContext['log'] | undefined;
    Object.defineProperty(ctx, 'log', {
      configurable: true,
      get: () => (log ??= ctx.services.logger.child({ reqId: id })),
      set: (v: AppContext['log']) => (log = v),
    });
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (ctx.services.logger.isLevelEnabled('info')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        ctx.log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
      }
    }
  };
}

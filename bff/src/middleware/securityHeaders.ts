import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { AppContext, AppState } from '../context';

type HelmetOptions = Parameters<typeof helmet>[0];

/**
 * helmet's security headers, worked out once at start-up and then set on every response.
 *
 * Why not koa-helmet per request: with these options every header helmet sets is a constant
 * (no CSP nonces), yet koa-helmet runs helmet's dozen sub-middlewares and a promise per
 * request, about 3 % of a cached read's CPU (bench/portrait). helmet stays the source of
 * truth: its middleware is run once against a recording response, and whatever it sets or
 * removes is replayed.
 */
export function securityHeaders(options: HelmetOptions): Middleware<AppState, AppContext> {
  let headers: Array<[string, string | number | readonly string[]]> | null = null;
  let removals: string[] = [];
  // koa-helmet answers through a promise; it settles within a tick, before any request.
  const ready = recordHelmet(options).then((r) => {
    headers = r.headers;
    removals = r.removals;
  });
  return async (ctx, next) => {
    if (!headers) await ready;
    const res = ctx.res;
    for (const [name, value] of headers!) res.setHeader(name, value);
    for (const name of removals) res.removeHeader(name);
    await next();
  };
}

async function recordHelmet(options: HelmetOptions) {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.set(name, value),
    removeHeader: (name: string) => void removed.add(name),
    getHeader: (name: string) => set.get(name),
  } as unknown as ServerResponse;
  const koaMiddleware = helmet(options);
  await koaMiddleware({ req: {} as IncomingMessage, res: recorder } as never, async () => undefined);
  return { headers: [...set], removals: [...removed] };
}

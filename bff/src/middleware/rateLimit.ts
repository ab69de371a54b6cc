import type { Middleware } from 'koa';
import { ERROR_IDS } from '@sunshine/shared';
import { AppError } from '../errors';
import type { AppContext, AppState } from '../context';

/**
 * Fixed-window rate limit per client address in Redis (INCR + EXPIRE). Coarse on purpose:
 * it slows scripted guessing; the per-account lockout is the real brute-force control.
 */
export function rateLimit(opts: {
  name: string;
  limit: (ctx: { services: { config: { authRateLimitPerMin: number } } }) => number;
  windowSec: number;
}): Middleware<AppState, AppContext> {
  return async (ctx, next) => {
    const { redis, config } = ctx.services;
    const window = Math.floor(Date.now() / 1000 / opts.windowSec);
    const key = `${config.redisPrefix}rl:${opts.name}:${ctx.ip}:${window}`;
    const [[, count]] = (await redis.multi().incr(key).expire(key, opts.windowSec).exec()) as [[Error | null, number]];
    if (count > opts.limit(ctx)) {
      throw new AppError(429, ERROR_IDS.rateLimited, '请求过于频繁,请稍后再试', { headers: { 'Retry-After': String(opts.windowSec) } });
    }
    await next();
  };
}

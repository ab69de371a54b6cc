import Router from '@koa/router';
import { managerStatsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { readManagerStats } from '../../stats/statsRollup';

/** The manager's own statistics for the home page. */
export function statsRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/me/stats',
    summary: 'Visits this week and month (China time), households filed and village coverage, from a rollup',
    tags: ['me'],
    policy: 'filesHouseholds',
    responses: { 200: { description: '我的统计', schema: managerStatsSchema } },
    async handler(ctx, { user }) {
      ctx.body = await readManagerStats(ctx.services, user.id);
    },
  });

  return router;
}

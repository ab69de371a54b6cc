import Router from '@koa/router';
import { meResponseSchema, type MeResponse } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';

/** The caller's profile and a summary of their data scope, for the home page. */
export function meRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/me',
    summary: 'Current user, data scope and a summary of what it covers',
    tags: ['me'],
    policy: 'isStaff',
    responses: { 200: { description: '当前用户', schema: meResponseSchema } },
    async handler(ctx, { user, scope }) {
      const { Branch, User } = ctx.services.models;
      const [branch, households, villages] = await Promise.all([
        user.branchId ? Branch.findById(user.branchId).lean() : null,
        scope.households.countDocuments(),
        scope.grids.countDocuments(),
      ]);
      const summary: MeResponse['summary'] = { households, villages };
      if (scope.level !== 'own') {
        summary.managers = await User.countDocuments({ role: 'manager', ...(scope.level === 'branch' ? { branchId: user.branchId } : {}) });
      }
      if (scope.level === 'all') summary.branches = await Branch.countDocuments();
      const body: MeResponse = {
        user: {
          id: user.id,
          username: user.username,
          role: user.role,
          branchId: user.branchId,
          name: user.name,
          branchName: branch?.name ?? null,
        },
        scope: scope.level,
        summary,
      };
      ctx.body = body;
    },
  });

  return router;
}

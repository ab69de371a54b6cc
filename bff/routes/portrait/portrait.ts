import Router from '@koa/router';
import { errorResponseSchema, householdPortraitSchema, idParamsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { readHouseholdPortrait } from '../../commands/readHouseholdPortrait';

/** 客户画像: a household's standing with the bank, tags with suggested products, visits, credit. */
export function portraitRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/households/{id}/portrait',
    summary: 'A household’s customer portrait from the T+1 ODS data, personal data masked; 404 outside the caller’s scope',
    tags: ['portrait'],
    policy: 'readsHouseholds',
    params: idParamsSchema,
    responses: {
      200: { description: '客户画像', schema: householdPortraitSchema },
      400: { description: '编号无效', schema: errorResponseSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      // The command returns the serialised portrait (cached as a string): sent as is.
      const body = await readHouseholdPortrait(ctx.services, scope, params.id);
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = body;
    },
  });

  return router;
}

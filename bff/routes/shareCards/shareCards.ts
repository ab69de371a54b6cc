import Router from '@koa/router';
import { createShareCardSchema, errorResponseSchema, shareCardSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { createShareCard } from '../../commands/createShareCard';

/** A manager's share card: an opaque, expiring code for the mini program's share path. */
export function shareCardRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/share-cards',
    summary: 'Create a share card (optionally for one of the manager’s households)',
    tags: ['appointments'],
    policy: 'managesAppointments',
    body: createShareCardSchema,
    responses: {
      201: { description: '名片已生成', schema: shareCardSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      401: { description: '未登录', schema: errorResponseSchema },
      403: { description: '仅限客户经理', schema: errorResponseSchema },
      404: { description: '未找到该户', schema: errorResponseSchema },
    },
    async handler(ctx, { user, scope, body }) {
      ctx.status = 201;
      ctx.body = await createShareCard(ctx.services, user, scope, body);
    },
  });

  return router;
}

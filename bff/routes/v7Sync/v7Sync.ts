import Router from '@koa/router';
import { errorResponseSchema, pageQuerySchema, v7SyncFailedListSchema, v7SyncItemSchema, v7SyncRetryParamsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { listFailedSyncs, retryFailedSync } from '../../commands/v7Sync/deadLetters';

/** Head office's dead-letter view of the V7 sync, and its retry. */
export function v7SyncRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/credit/sync/failed',
    summary: 'Approved applications whose V7 sync was dead-lettered (refused by V7 or out of attempts), newest first',
    tags: ['credit'],
    policy: 'managesV7Sync',
    query: pageQuerySchema,
    responses: {
      200: { description: '同步失败的申请', schema: v7SyncFailedListSchema },
      403: { description: '仅总行管理员或总行授信审批', schema: errorResponseSchema },
    },
    async handler(ctx, { query }) {
      ctx.body = await listFailedSyncs(ctx.services, query);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/credit/sync/{applicationId}/retry',
    summary: 'Put a dead-lettered application back into the V7 outbox with a fresh budget of attempts (audited)',
    tags: ['credit'],
    policy: 'managesV7Sync',
    params: v7SyncRetryParamsSchema,
    responses: {
      200: { description: '已重新排队同步', schema: v7SyncItemSchema },
      403: { description: '仅总行管理员或总行授信审批', schema: errorResponseSchema },
      404: { description: '未找到该申请', schema: errorResponseSchema },
      409: { description: '该申请未处于同步失败状态', schema: errorResponseSchema },
    },
    async handler(ctx, { params, user }) {
      ctx.body = await retryFailedSync(ctx.services, user, params.applicationId, { ip: ctx.ip, requestId: ctx.state.requestId });
    },
  });

  return router;
}

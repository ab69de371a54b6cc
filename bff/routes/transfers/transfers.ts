import Router from '@koa/router';
import { errorResponseSchema, idParamsSchema, managerTransferRequestSchema, managerTransferSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { transferManager } from '../../commands/transferManager';
import { presentManagerTransfer } from '../../presenters/presentManagerTransfer';

/** 客户经理移交: a leaving manager's grid and customers go to a colleague of the same branch. */
export function transferRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/managers/{id}/transfer',
    summary: 'Reassign a leaving manager’s grid and customers (admin, or the branch’s president); resumable, audited',
    tags: ['managers'],
    policy: 'transfersManagers',
    params: idParamsSchema,
    body: managerTransferRequestSchema,
    responses: {
      201: { description: '已移交', schema: managerTransferSchema },
      200: { description: '续做或重复提交,返回移交结果', schema: managerTransferSchema },
      400: { description: '接收人无效', schema: errorResponseSchema },
      403: { description: '无权移交', schema: errorResponseSchema },
      404: { description: '未找到该客户经理', schema: errorResponseSchema },
      409: { description: '已移交给其他客户经理', schema: errorResponseSchema },
    },
    async handler(ctx, { params, body, user }) {
      const { transfer, created } = await transferManager(ctx.services, user, params.id, body, {
        ip: ctx.ip,
        requestId: ctx.state.requestId,
      });
      ctx.status = created ? 201 : 200;
      ctx.body = presentManagerTransfer(transfer);
    },
  });

  return router;
}

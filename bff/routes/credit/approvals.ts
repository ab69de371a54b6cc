import type Router from '@koa/router';
import { approvalDecisionSchema, creditApplicationSchema, errorResponseSchema, idParamsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { decideApplication } from '../../commands/credit/decideApplication';
import { presentApplication } from './presentCredit';

/** Approval (审批) of an application: level 1 by the branch president, level 2 by head-office credit. */
export function defineApprovalRoutes(router: Router<AppState, AppContext>): void {
  for (const action of ['approve', 'reject'] as const) {
    defineRoute(router, {
      method: 'post',
      path: `/credit/applications/{id}/${action}`,
      summary: action === 'approve' ? 'Approve at the caller’s level, with a comment' : 'Reject at the caller’s level, with a comment',
      tags: ['credit'],
      policy: 'approvesCredit',
      params: idParamsSchema,
      body: approvalDecisionSchema,
      responses: {
        200: { description: '审批后的申请', schema: creditApplicationSchema },
        400: { description: '缺少审批意见', schema: errorResponseSchema },
        403: { description: '不能审批自己提交的申请,或无此级审批权', schema: errorResponseSchema },
        404: { description: '未找到', schema: errorResponseSchema },
        409: { description: '已审批过、该级已由他人审批,或须先经一级审批', schema: errorResponseSchema },
      },
      async handler(ctx, { params, body, user, scope }) {
        const app = await decideApplication(ctx.services, user, scope, params.id, action, body.comment);
        ctx.body = presentApplication(app);
      },
    });
  }
}

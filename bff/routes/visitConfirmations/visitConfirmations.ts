import Router from '@koa/router';
import {
  confirmVisitSchema,
  errorResponseSchema,
  idParamsSchema,
  visitConfirmationSchema,
  visitConfirmationTicketSchema,
} from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { requestVisitConfirmation } from '../../commands/requestVisitConfirmation';
import { confirmVisit } from '../../commands/confirmVisit';

/** Customer confirmation of a visit: the manager's QR code, and the customer's confirmation from WeChat. */
export function visitConfirmationRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/visits/{id}/confirmation',
    summary: 'Issue a 5-minute, single-use code (as a mini-program QR code) for the customer to confirm the visit',
    tags: ['visits'],
    policy: 'filesHouseholds',
    params: idParamsSchema,
    responses: {
      201: { description: '确认二维码', schema: visitConfirmationTicketSchema },
      403: { description: '不是该走访的客户经理', schema: errorResponseSchema },
      404: { description: '未找到该走访', schema: errorResponseSchema },
      409: { description: '已确认', schema: errorResponseSchema },
      503: { description: '微信服务不可用', schema: errorResponseSchema },
    },
    async handler(ctx, { params, user, scope }) {
      ctx.status = 201;
      ctx.body = await requestVisitConfirmation(ctx.services, user, scope, params.id);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/public/visit-confirmations',
    summary: 'The customer confirms a visit: the scanned code plus wx.login’s code (no staff token)',
    tags: ['visits'],
    policy: 'public',
    body: confirmVisitSchema,
    responses: {
      201: { description: '已确认', schema: visitConfirmationSchema },
      400: { description: '输入无效或微信登录失败', schema: errorResponseSchema },
      403: { description: '员工微信不能确认', schema: errorResponseSchema },
      409: { description: '二维码已使用或走访已确认', schema: errorResponseSchema },
      410: { description: '二维码已过期', schema: errorResponseSchema },
    },
    async handler(ctx, { body }) {
      ctx.status = 201;
      ctx.body = await confirmVisit(ctx.services, body);
    },
  });

  return router;
}

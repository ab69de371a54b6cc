import type Router from '@koa/router';
import {
  applicationListQuerySchema,
  createApplicationSchema,
  creditApplicationListSchema,
  creditApplicationSchema,
  errorResponseSchema,
  idParamsSchema,
} from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { NotFoundError } from '../../src/errors';
import { submitApplication } from '../../commands/credit/submitApplication';
import { creditScope } from '../../commands/credit/creditScope';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import { presentApplication } from './presentCredit';

/** Pre-credit applications (预授信申请): submit one, read one, list an approver's queue. */
export function defineApplicationRoutes(router: Router<AppState, AppContext>): void {
  defineRoute(router, {
    method: 'post',
    path: '/credit/applications',
    summary: 'Submit a pass/review evaluation for approval; one pending application per person',
    tags: ['credit'],
    policy: 'runsCreditEvaluations',
    body: createApplicationSchema,
    responses: {
      201: { description: '已提交,待审批', schema: creditApplicationSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      404: { description: '未找到该测算结果', schema: errorResponseSchema },
      409: { description: '测算结论不可申请、已过期,或该客户已有审批中的申请', schema: errorResponseSchema },
    },
    async handler(ctx, { body, user, scope }) {
      const app = await submitApplication(ctx.services, user, scope, body);
      ctx.status = 201;
      ctx.body = presentApplication(app);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/credit/applications',
    summary: 'Applications in scope, newest first (a branch president sees the branch, head office all)',
    tags: ['credit'],
    policy: 'isStaff',
    query: applicationListQuerySchema,
    responses: { 200: { description: '申请列表', schema: creditApplicationListSchema } },
    async handler(ctx, { query, scope }) {
      const { applications } = creditScope(ctx.services.models, scope);
      const filter = query.status ? { status: query.status } : {};
      const [rows, total] = await Promise.all([
        applications
          .find(filter)
          .sort({ createdAt: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<CreditApplicationDoc[]>(),
        applications.countDocuments(filter),
      ]);
      ctx.body = { data: rows.map(presentApplication), total };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/credit/applications/{id}',
    summary: 'One application with its approval trail and, once approved, its V7 sync state',
    tags: ['credit'],
    policy: 'isStaff',
    params: idParamsSchema,
    responses: {
      200: { description: '申请详情', schema: creditApplicationSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      const app = await creditScope(ctx.services.models, scope).applications.findById(params.id).lean<CreditApplicationDoc>();
      if (!app) throw new NotFoundError('未找到该申请');
      ctx.body = presentApplication(app);
    },
  });
}

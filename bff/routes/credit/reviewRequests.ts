import type Router from '@koa/router';
import { z } from 'zod';
import {
  creditReviewRequestSchema,
  errorResponseSchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  reviewRequestInputSchema,
} from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { requestReview } from '../../commands/credit/requestReview';
import { creditScope } from '../../commands/credit/creditScope';
import type { CreditReviewRequestDoc } from '../../models/CreditReviewRequest';
import { presentReviewRequest } from './presentCredit';

/** Human review of automated rejections (PIPL art. 24): asked for by the manager, seen by the branch. */
export function defineReviewRequestRoutes(router: Router<AppState, AppContext>): void {
  defineRoute(router, {
    method: 'post',
    path: '/credit/evaluations/{id}/review-requests',
    summary: 'Ask for a human review of an automated rejection, on the customer’s behalf',
    tags: ['credit'],
    policy: 'requestsCreditReview',
    params: idParamsSchema,
    body: reviewRequestInputSchema,
    responses: {
      201: { description: '已提交人工复核申请', schema: creditReviewRequestSchema },
      400: { description: '缺少复核理由', schema: errorResponseSchema },
      404: { description: '未找到', schema: errorResponseSchema },
      409: { description: '非自动拒绝结果,或已申请过', schema: errorResponseSchema },
    },
    async handler(ctx, { params, body, user, scope }) {
      const created = await requestReview(ctx.services, user, scope, params.id, body);
      ctx.status = 201;
      ctx.body = presentReviewRequest(created);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/credit/review-requests',
    summary: 'Human-review requests in scope, newest first (the branch sees its own)',
    tags: ['credit'],
    policy: 'isStaff',
    query: pageQuerySchema.extend({ status: z.enum(['open', 'closed']).optional() }),
    responses: { 200: { description: '人工复核申请', schema: pageOf(creditReviewRequestSchema) } },
    async handler(ctx, { query, scope }) {
      const { reviews } = creditScope(ctx.services.models, scope);
      const filter = query.status ? { status: query.status } : {};
      const [rows, total] = await Promise.all([
        reviews
          .find(filter)
          .sort({ createdAt: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<CreditReviewRequestDoc[]>(),
        reviews.countDocuments(filter),
      ]);
      ctx.body = { data: rows.map(presentReviewRequest), total };
    },
  });
}

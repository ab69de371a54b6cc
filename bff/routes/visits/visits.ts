import Router from '@koa/router';
import { createVisitSchema, errorResponseSchema, idParamsSchema, pageOf, pageQuerySchema, visitSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { NotFoundError } from '../../src/errors';
import { recordVisit } from '../../commands/recordVisit';
import { presentVisit } from '../../presenters/presentVisit';
import type { VisitDoc } from '../../models/Visit';
import { photoUrlsFor } from '../../photos/photoUrls';

/** Visits (走访): check-in with proof of presence, and a household's visit timeline. */
export function visitRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/visits',
    summary: 'Record a visit; idempotent on clientId (201 first time, 200 for a resend)',
    tags: ['visits'],
    policy: 'filesHouseholds',
    body: createVisitSchema,
    responses: {
      201: { description: '已登记', schema: visitSchema },
      200: { description: '重复提交,返回已登记走访', schema: visitSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      404: { description: '未找到该户', schema: errorResponseSchema },
      422: { description: '客户端编号已用于其他内容', schema: errorResponseSchema },
    },
    async handler(ctx, { body, user, scope }) {
      const { visit, created } = await recordVisit(ctx.services, user, scope, body);
      ctx.status = created ? 201 : 200;
      ctx.body = presentVisit(visit, photoUrlsFor(ctx.services.config));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/visits/{id}',
    summary: 'One visit, with its photos and confirmation state (the QR page polls it)',
    tags: ['visits'],
    policy: 'readsHouseholds',
    params: idParamsSchema,
    responses: {
      200: { description: '走访', schema: visitSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      const visit = await scope.visits.findById(params.id).lean<VisitDoc>();
      if (!visit) throw new NotFoundError('未找到该走访');
      ctx.body = presentVisit(visit, photoUrlsFor(ctx.services.config));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/households/{id}/visits',
    summary: 'A household’s visits, newest first',
    tags: ['visits'],
    policy: 'readsHouseholds',
    params: idParamsSchema,
    query: pageQuerySchema,
    responses: {
      200: { description: '走访记录', schema: pageOf(visitSchema) },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, query, scope }) {
      const household = await scope.households.findById(params.id).lean();
      if (!household) throw new NotFoundError('未找到该户');
      const filter = { householdId: household._id };
      const [rows, total] = await Promise.all([
        scope.visits
          .find(filter)
          .sort({ at: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<VisitDoc[]>(),
        scope.visits.countDocuments(filter),
      ]);
      const urls = photoUrlsFor(ctx.services.config);
      ctx.body = { data: rows.map((v) => presentVisit(v, urls)), total };
    },
  });

  return router;
}

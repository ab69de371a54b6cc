import Router from '@koa/router';
import mongoose from 'mongoose';
import {
  createHouseholdSchema,
  errorResponseSchema,
  householdDetailSchema,
  householdListQuerySchema,
  householdListResponseSchema,
  idParamsSchema,
  memberParamsSchema,
  unmaskRequestSchema,
  updateHouseholdSchema,
} from '@sunshine/shared';
import { z } from 'zod';
import { unmaskMemberField } from '../../commands/unmaskMemberField';
import { createHouseholdFile, updateHouseholdFile } from '../../commands/saveHouseholdFile';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { NotFoundError } from '../../src/errors';
import { presentHouseholdDetail, presentHouseholdSummary } from '../../presenters/presentHousehold';
import type { HouseholdDoc } from '../../models/Household';
import { flushManagerHouseholdVisits } from '../../visits/householdVisitState';

/** Household files (一户一档): read, file, edit, unmask. Every query goes through the caller's data scope. */
export function householdRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/households',
    summary: 'Households within the caller’s data scope, personal data masked',
    tags: ['households'],
    policy: 'readsHouseholds',
    query: householdListQuerySchema,
    responses: {
      200: { description: '户列表', schema: householdListResponseSchema },
      400: { description: '参数无效', schema: errorResponseSchema },
    },
    async handler(ctx, { query, scope, user }) {
      // A manager's own visits are on their list the moment they are recorded.
      if (user.role === 'manager') await flushManagerHouseholdVisits(ctx.services, user.id);
      const filter: Record<string, unknown> = {};
      if (query.villageCode) filter.villageCode = query.villageCode;
      if (query.status === 'visited') filter.lastVisitAt = mongoose.trusted({ $ne: null });
      if (query.status === 'not_visited') filter.lastVisitAt = null;
      if (query.status === 'follow_up_due') filter.nextFollowUp = mongoose.trusted({ $lte: todayInChina() });
      if (query.q) {
        // Exact 户号 or a name prefix: both served by plain equality/prefix, no $text in FerretDB 1.x.
        // Operators built here from validated input are marked trusted for sanitizeFilter.
        filter.$or = [{ householdNo: query.q }, { headName: mongoose.trusted({ $regex: `^${escapeRegex(query.q)}` }) }];
      }
      const [rows, total, regions] = await Promise.all([
        scope.households
          .find(filter)
          .sort({ householdNo: 1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<HouseholdDoc[]>(),
        scope.households.countDocuments(filter),
        ctx.services.regions.names(),
      ]);
      ctx.body = { data: rows.map((h) => presentHouseholdSummary(h, regions)), total };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/households/{id}',
    summary: 'One household file, personal data masked; 404 when outside the caller’s scope',
    tags: ['households'],
    policy: 'readsHouseholds',
    params: idParamsSchema,
    responses: {
      200: { description: '一户一档', schema: householdDetailSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      const [h, regions] = await Promise.all([scope.households.findById(params.id).lean<HouseholdDoc>(), ctx.services.regions.names()]);
      if (!h) throw new NotFoundError('未找到该户');
      ctx.body = presentHouseholdDetail(h, regions);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/households',
    summary: 'File a new household (一户一档); idempotent on clientId (201 first time, 200 for a retry)',
    tags: ['households'],
    policy: 'filesHouseholds',
    body: createHouseholdSchema,
    responses: {
      201: { description: '已建档', schema: householdDetailSchema },
      200: { description: '重复提交,返回已建档案', schema: householdDetailSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      409: { description: '成员已在其他户建档', schema: errorResponseSchema },
      422: { description: '客户端编号已用于其他内容', schema: errorResponseSchema },
    },
    async handler(ctx, { body, user }) {
      const { household, created } = await createHouseholdFile(ctx.services, user, body);
      ctx.status = created ? 201 : 200;
      ctx.body = presentHouseholdDetail(household, await ctx.services.regions.names());
    },
  });

  defineRoute(router, {
    method: 'put',
    path: '/households/{id}',
    summary:
      'Save an edited household file; idempotent on clientId (a replay answers 200 with the file as it is); 409 with currentVersion when someone saved in between',
    tags: ['households'],
    policy: 'filesHouseholds',
    params: idParamsSchema,
    body: updateHouseholdSchema,
    responses: {
      200: { description: '已保存(或重复提交,返回当前档案)', schema: householdDetailSchema },
      400: { description: '输入无效(含与该成员不符的脱敏值)', schema: errorResponseSchema },
      403: { description: '非责任客户经理', schema: errorResponseSchema },
      404: { description: '未找到', schema: errorResponseSchema },
      409: { description: '版本冲突,或成员已在其他户建档', schema: errorResponseSchema },
      422: { description: '客户端编号已用于其他内容', schema: errorResponseSchema },
    },
    async handler(ctx, { params, body, user, scope }) {
      const household = await updateHouseholdFile(ctx.services, user, scope, params.id, body, {
        ip: ctx.ip,
        requestId: ctx.state.requestId,
      });
      ctx.body = presentHouseholdDetail(household, await ctx.services.regions.names());
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/households/{id}/members/{memberId}/unmask',
    summary: 'Show one member’s ID number or phone in full (responsible manager only; audited)',
    tags: ['households'],
    // Any staff reader may ask; the command refuses all but the responsible manager, and audits both.
    policy: 'readsHouseholds',
    params: memberParamsSchema,
    body: unmaskRequestSchema,
    responses: {
      200: { description: '完整信息', schema: z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() }) },
      403: { description: '非责任客户经理', schema: errorResponseSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, body, user, scope }) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await unmaskMemberField(ctx.services, user, scope, params, body, { ip: ctx.ip, requestId: ctx.state.requestId });
    },
  });

  return router;
}

/** Today's date in China (UTC+8, no daylight saving), as follow-up dates are written. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

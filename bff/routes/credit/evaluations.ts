import type Router from '@koa/router';
import { createEvaluationSchema, creditEvaluationSchema, creditReplaySchema, errorResponseSchema, idParamsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { NotFoundError } from '../../src/errors';
import { runEvaluation } from '../../commands/credit/runEvaluation';
import { replayEvaluation } from '../../commands/credit/replayEvaluation';
import { creditScope } from '../../commands/credit/creditScope';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import { presentEvaluation } from './presentCredit';

/** Credit evaluations (授信测算): run one, read one, and replay it for head office. */
export function defineEvaluationRoutes(router: Router<AppState, AppContext>): void {
  defineRoute(router, {
    method: 'post',
    path: '/credit/evaluations',
    summary: 'Evaluate a household member with the current credit model (facts from the file, ODS and V7)',
    tags: ['credit'],
    policy: 'runsCreditEvaluations',
    body: createEvaluationSchema,
    responses: {
      201: { description: '测算结果(CreditDecision 及解释)', schema: creditEvaluationSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      404: { description: '未找到该户或成员', schema: errorResponseSchema },
      409: { description: '档案信息不足以测算', schema: errorResponseSchema },
    },
    async handler(ctx, { body, user, scope }) {
      const ev = await runEvaluation(ctx.services, user, scope, body);
      ctx.status = 201;
      ctx.body = presentEvaluation(ev);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/credit/evaluations/{id}',
    summary: 'One stored evaluation, with its explanation',
    tags: ['credit'],
    policy: 'isStaff',
    params: idParamsSchema,
    responses: {
      200: { description: '测算结果', schema: creditEvaluationSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      const ev = await creditScope(ctx.services.models, scope).evaluations.findById(params.id).lean<CreditEvaluationDoc>();
      if (!ev) throw new NotFoundError('未找到该测算结果');
      ctx.body = presentEvaluation(ev);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/credit/evaluations/{id}/replay',
    summary: 'Re-run the stored facts with the stored model version; both results and whether they match',
    tags: ['credit'],
    policy: 'isHeadOffice',
    params: idParamsSchema,
    responses: {
      200: { description: '回放结果', schema: creditReplaySchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      ctx.body = await replayEvaluation(ctx.services, scope, params.id);
    },
  });
}

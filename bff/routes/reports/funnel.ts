import Router from '@koa/router';
import { FUNNEL_STAGES, errorResponseSchema, funnelFileName, funnelQuerySchema, funnelReportSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { readFunnelReport } from '../../funnel/funnelReport';
import { buildFunnelWorkbook } from '../../funnel/funnelWorkbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DESCRIPTION =
  `Stages, in order: ${FUNNEL_STAGES.join(' → ')}. Each counts the households that FIRST reached the stage in the period ` +
  '(China-time days, both inclusive), attributed to the branch, village and responsible manager they had at that moment; the ' +
  'field descriptions of FunnelFigures define each stage. Read from precomputed rollups (FunnelRollup), never from a scan of ' +
  'households or visits. Branch presidents get their own branch, head office every branch (or `branchId`); managers are refused (403).';

const errors = {
  400: { description: '日期或支行编号无效(field 指明哪一项)', schema: errorResponseSchema },
  403: { description: '客户经理,或支行行长查看其他支行', schema: errorResponseSchema },
};

/** The funnel report (营销漏斗) and its Excel export. */
export function reportRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'get',
    path: '/reports/funnel',
    summary: 'Funnel visited → filed → evaluated → approved → synced → signed → used, by branch, village and manager, for a period',
    description: DESCRIPTION,
    tags: ['reports'],
    policy: 'readsFunnelReport',
    query: funnelQuerySchema,
    responses: { 200: { description: '营销漏斗', schema: funnelReportSchema }, ...errors },
    async handler(ctx, { query, user }) {
      ctx.body = await readFunnelReport(ctx.services, user, query);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/reports/funnel.xlsx',
    summary: 'The same funnel report as an Excel workbook (sheets 汇总, 按支行, 按村居, 按客户经理, 口径说明)',
    description: `${DESCRIPTION} The numbers are those of GET /reports/funnel for the same query.`,
    tags: ['reports'],
    policy: 'readsFunnelReport',
    query: funnelQuerySchema,
    responses: { 200: { description: 'Excel 工作簿', contentType: XLSX }, ...errors },
    async handler(ctx, { query, user }) {
      const report = await readFunnelReport(ctx.services, user, query);
      const body = await buildFunnelWorkbook(report);
      ctx.type = XLSX;
      ctx.set('Content-Disposition', `attachment; filename="funnel.xlsx"; filename*=UTF-8''${encodeURIComponent(funnelFileName(report))}`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = body;
    },
  });

  return router;
}

import { z } from 'zod';

/**
 * The marketing funnel report (营销漏斗): visited → filed → evaluated → approved → synced →
 * signed → used, by branch, village and manager, for a period of China-time days.
 *
 * Every stage counts HOUSEHOLDS THAT FIRST REACHED THE STAGE IN THE PERIOD: a household is
 * counted at most once per stage, ever, on the day it got there first, and attributed to the
 * branch, village and responsible manager it had at that moment. A household visited ten
 * times is one visit-stage household; one visited last month and approved this month counts
 * as approved this month only. The stages are therefore a flow, not a cohort: a period's
 * approvals may come from households visited in earlier periods.
 */
export const FUNNEL_STAGES = ['visited', 'filed', 'evaluated', 'approved', 'synced', 'signed', 'used'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  visited: '走访',
  filed: '建档',
  evaluated: '评估',
  approved: '审批通过',
  synced: '报送V7',
  signed: '签约',
  used: '用信',
};

/** What each stage counts, in Chinese (the report page and the Excel export show these). */
export const FUNNEL_STAGE_DEFINITIONS: Record<FunnelStage, string> = {
  visited: '期间内首次被登记走访的农户数',
  filed: '期间内在平台建立一户一档的农户数(含客户经理建档与存量导入)',
  evaluated: '期间内首次完成授信评估(结果为通过、复核或拒绝;因V7不可用而结果不完整的不计)的农户数',
  approved: '期间内首次有授信申请终审通过的农户数',
  synced: '期间内首次有已批授信被V7确认接收的农户数',
  signed: '期间内首次在V7签约的农户数',
  used: '期间内首次用信(首笔提款)的农户数',
};

/** The same definitions in English, for the OpenAPI document. */
const STAGE_DOCS: Record<FunnelStage, string> = {
  visited: 'Households whose first recorded visit (any proof level) is in the period.',
  filed:
    'Households whose file (一户一档) was created on the platform in the period: filed by a manager in the app, or loaded from the bank’s existing book.',
  evaluated:
    'Households whose first credit evaluation with an outcome (pass, review or reject) is in the period; `incomplete` evaluations (V7 unavailable) do not count.',
  approved: 'Households whose first finally approved pre-credit application (status approved, at its decision time) is in the period.',
  synced: 'Households whose first approved application V7 acknowledged (sync state synced, at syncedAt) is in the period.',
  signed: 'Households that first signed (签约) a pre-credit contract in V7 in the period (V7 signing event).',
  used: 'Households whose first drawdown (用信) in V7 is in the period.',
};

/** `YYYY-MM-DD` that is a real calendar day. */
const isoDay = z
  .string({ error: '请输入日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '不是有效的日期');

/** A report period may span at most this many days (inclusive). */
export const FUNNEL_MAX_DAYS = 366;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * `GET /reports/funnel` and `/reports/funnel.xlsx`. Both days are China-time (Asia/Shanghai)
 * calendar days and inclusive; `from` defaults to the first day of `to`'s month, `to` to today.
 * `branchId` narrows a head-office report to one branch; a branch president always gets their
 * own branch and may only name it.
 */
export const funnelQuerySchema = z
  .object({
    from: isoDay
      .optional()
      .meta({ description: 'First day, YYYY-MM-DD (China time), inclusive. Default: the first day of the month of `to`.' }),
    to: isoDay.optional().meta({ description: 'Last day, YYYY-MM-DD (China time), inclusive. Default: today in China.' }),
    branchId: z
      .string()
      .regex(/^\d{2}$/, '支行编号应为两位数字')
      .optional()
      .meta({ description: 'Head office: one branch only. A branch president may only give their own.' }),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
    else if (dayNumber(q.to) - dayNumber(q.from) + 1 > FUNNEL_MAX_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `统计区间不能超过${FUNNEL_MAX_DAYS}天` });
    }
  });
export type FunnelQuery = z.infer<typeof funnelQuerySchema>;

const stageCount = (stage: FunnelStage) => z.number().int().meta({ description: STAGE_DOCS[stage] });

/** One row's figures: a household count per stage, and money in yuan (at most two decimals). */
export const funnelFiguresSchema = z
  .object({
    ...(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, stageCount(s)])) as Record<FunnelStage, ReturnType<typeof stageCount>>),
    approvedLimit: z.number().meta({ description: 'Sum of the approved limits (yuan) of the households counted in `approved`.' }),
    signedLimit: z.number().meta({ description: 'Sum of the signed limits (yuan) of the households counted in `signed`.' }),
    drawnAmount: z
      .number()
      .meta({ description: 'Sum of every drawdown (yuan) made in the period, first or not, by the households of the row.' }),
  })
  .meta({ id: 'FunnelFigures' });
export type FunnelFigures = z.infer<typeof funnelFiguresSchema>;

export const FUNNEL_AMOUNTS = ['approvedLimit', 'signedLimit', 'drawnAmount'] as const;
export type FunnelAmount = (typeof FUNNEL_AMOUNTS)[number];
export const FUNNEL_AMOUNT_LABELS: Record<FunnelAmount, string> = {
  approvedLimit: '审批额度(元)',
  signedLimit: '签约额度(元)',
  drawnAmount: '用信金额(元)',
};

export const funnelReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    scope: z.object({
      level: z.enum(['all', 'branch']),
      branchId: z.string().nullable(),
      branchName: z.string().nullable(),
    }),
    totals: funnelFiguresSchema,
    byBranch: z.array(z.object({ branchId: z.string(), name: z.string(), figures: funnelFiguresSchema })),
    /** One row per (branch, village): a few villages are served by two branches. */
    byVillage: z.array(
      z.object({
        branchId: z.string(),
        villageCode: z.string(),
        name: z.string(),
        townName: z.string().nullable(),
        figures: funnelFiguresSchema,
      }),
    ),
    byManager: z.array(z.object({ branchId: z.string(), managerId: z.string(), name: z.string(), figures: funnelFiguresSchema })),
    /** The rollups include every stage mark recorded before this instant (written behind the requests). */
    asOf: z.string(),
  })
  .meta({
    id: 'FunnelReport',
    description:
      'Each stage counts the households that FIRST reached it in the period (China-time days, inclusive), attributed to the branch, village and responsible manager they had then. Rows list only branches, villages and managers with at least one figure.',
  });
export type FunnelReport = z.infer<typeof funnelReportSchema>;

/** The Excel export's file name, the same on the BFF (Content-Disposition) and in the H5 download. */
export function funnelFileName(report: { from: string; to: string; scope: { branchName: string | null } }): string {
  return `营销漏斗_${report.scope.branchName ?? '全行'}_${report.from}_${report.to}.xlsx`;
}

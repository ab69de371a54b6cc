import ExcelJS from 'exceljs';
import {
  FUNNEL_AMOUNTS,
  FUNNEL_AMOUNT_LABELS,
  FUNNEL_STAGES,
  FUNNEL_STAGE_DEFINITIONS,
  FUNNEL_STAGE_LABELS,
  type FunnelFigures,
  type FunnelReport,
} from '@sunshine/shared';

/**
 * The funnel report as an Excel workbook (exceljs): a summary sheet, one sheet per grouping
 * (branch, village, manager) and the stage definitions. It is written from the same
 * FunnelReport object the JSON route returns, so the two cannot disagree; numbers are numeric
 * cells (money with two decimals), not text, so the bank can sum and chart them.
 */
export const FUNNEL_SHEETS = {
  summary: '汇总',
  branches: '按支行',
  villages: '按村居',
  managers: '按客户经理',
  definitions: '口径说明',
} as const;

/** The figure columns, in order, after a sheet's key columns. */
export const FIGURE_COLUMNS: Array<{ key: keyof FunnelFigures; header: string; money: boolean }> = [
  ...FUNNEL_STAGES.map((s) => ({ key: s, header: `${FUNNEL_STAGE_LABELS[s]}(户)`, money: false })),
  ...FUNNEL_AMOUNTS.map((a) => ({ key: a, header: FUNNEL_AMOUNT_LABELS[a], money: true })),
];

const MONEY_FORMAT = '#,##0.00';

export async function buildFunnelWorkbook(report: FunnelReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '阳光金融营销平台';
  wb.created = new Date(report.asOf);

  const summary = wb.addWorksheet(FUNNEL_SHEETS.summary);
  summary.addRow(['统计区间', `${report.from} 至 ${report.to}(北京时间,含首尾两日)`]);
  summary.addRow(['范围', report.scope.branchName ?? '全行']);
  summary.addRow(['数据截至', report.asOf]);
  summary.addRow(['口径', '各环节统计期间内首次到达该环节的农户数,归属到达时所在的支行、村居和责任客户经理']);
  summary.addRow([]);
  figureTable(summary, ['范围'], [{ keys: [report.scope.branchName ?? '全行'], figures: report.totals }]);

  figureTable(
    wb.addWorksheet(FUNNEL_SHEETS.branches),
    ['支行编号', '支行'],
    report.byBranch.map((r) => ({ keys: [r.branchId, r.name], figures: r.figures })),
  );
  figureTable(
    wb.addWorksheet(FUNNEL_SHEETS.villages),
    ['支行编号', '镇(街道)', '村居代码', '村居'],
    report.byVillage.map((r) => ({ keys: [r.branchId, r.townName ?? '', r.villageCode, r.name], figures: r.figures })),
  );
  figureTable(
    wb.addWorksheet(FUNNEL_SHEETS.managers),
    ['支行编号', '客户经理'],
    report.byManager.map((r) => ({ keys: [r.branchId, r.name], figures: r.figures })),
  );

  const defs = wb.addWorksheet(FUNNEL_SHEETS.definitions);
  defs.addRow(['环节', '口径']).font = { bold: true };
  for (const s of FUNNEL_STAGES) defs.addRow([FUNNEL_STAGE_LABELS[s], FUNNEL_STAGE_DEFINITIONS[s]]);
  defs.addRow([FUNNEL_AMOUNT_LABELS.approvedLimit, '计入“审批通过”的农户的审批额度合计']);
  defs.addRow([FUNNEL_AMOUNT_LABELS.signedLimit, '计入“签约”的农户的签约额度合计']);
  defs.addRow([FUNNEL_AMOUNT_LABELS.drawnAmount, '期间内全部提款金额合计(含非首笔)']);
  defs.getColumn(1).width = 16;
  defs.getColumn(2).width = 80;

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Key columns (text) followed by the figure columns, one row per entry; the header row is bold and frozen. */
function figureTable(ws: ExcelJS.Worksheet, keys: string[], rows: Array<{ keys: string[]; figures: FunnelFigures }>): void {
  const header = ws.addRow([...keys, ...FIGURE_COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  for (const r of rows) {
    const row = ws.addRow([...r.keys, ...FIGURE_COLUMNS.map((c) => r.figures[c.key])]);
    FIGURE_COLUMNS.forEach((c, i) => {
      if (c.money) row.getCell(keys.length + i + 1).numFmt = MONEY_FORMAT;
    });
  }
  keys.forEach((_, i) => (ws.getColumn(i + 1).width = i === keys.length - 1 ? 20 : 12));
  FIGURE_COLUMNS.forEach((c, i) => (ws.getColumn(keys.length + i + 1).width = c.money ? 16 : 11));
}

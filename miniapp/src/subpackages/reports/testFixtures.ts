import type { FunnelFigures, FunnelReport } from '@sunshine/shared';

/** Figures with every stage and amount 0 unless given. */
export function figuresBody(overrides: Partial<FunnelFigures> = {}): FunnelFigures {
  return {
    visited: 0,
    filed: 0,
    evaluated: 0,
    approved: 0,
    synced: 0,
    signed: 0,
    used: 0,
    approvedLimit: 0,
    signedLimit: 0,
    drawnAmount: 0,
    ...overrides,
  };
}

/** A report as the BFF answers it (bff/routes/reports/funnel.test.ts checks the same shape): two branches, head-office scope. */
export function funnelReportBody(overrides: Partial<FunnelReport> = {}): FunnelReport {
  const b01 = figuresBody({ visited: 3, filed: 2, approved: 1, approvedLimit: 90_000 });
  const b02 = figuresBody({ visited: 2, drawnAmount: 12_345.67 });
  return {
    from: '2026-12-01',
    to: '2026-12-03',
    scope: { level: 'all', branchId: null, branchName: null },
    totals: figuresBody({ visited: 5, filed: 2, approved: 1, approvedLimit: 90_000, drawnAmount: 12_345.67 }),
    byBranch: [
      { branchId: '01', name: '济川支行', figures: b01 },
      { branchId: '02', name: '延令支行', figures: b02 },
    ],
    byVillage: [
      { branchId: '01', villageCode: '321283100011', name: '甲村', townName: '黄桥镇', figures: b01 },
      { branchId: '02', villageCode: '321283100012', name: '乙村', townName: null, figures: b02 },
    ],
    byManager: [
      { branchId: '01', managerId: 'm1', name: '王经理', figures: b01 },
      { branchId: '02', managerId: 'm2', name: '赵经理', figures: b02 },
    ],
    asOf: '2026-12-03T02:30:00.000Z',
    ...overrides,
  };
}

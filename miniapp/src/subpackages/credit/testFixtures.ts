import type { CreditApplication, CreditEvaluation } from '../../services/credit';

/** Bodies as the BFF answers them (bff/routes/credit/evaluations.test.ts checks the same numbers). */
export function evaluationBody(overrides: Partial<CreditEvaluation> = {}): CreditEvaluation {
  return {
    id: 'e1',
    modelVersion: 'sunshine-v1',
    decision: 'pass',
    reasons: [],
    score: 59,
    grade: 'B',
    factors: [
      { name: 'education', points: 8 },
      { name: 'maritalStatus', points: 12 },
      { name: 'age', points: 12 },
      { name: 'netAssets', points: 15 },
      { name: 'annualIncome', points: 12 },
      { name: 'contribution', points: 0 },
    ],
    limit: 90_000,
    limitBreakdown: {
      gradeBase: 20_000,
      assetTerm: 52_000,
      incomeTerm: 18_600,
      raw: 90_600,
      cap: 200_000,
      existingCreditLoans: 0,
      final: 90_000,
    },
    approvalLevels: 1,
    householdId: 'h1',
    memberId: 'mem1',
    memberName: '张**',
    asOf: '2026-12-02',
    createdAt: '2026-12-02T02:00:00.000Z',
    evaluatedBy: 'u',
    factorsDetail: [
      { name: 'education', label: '学历', points: 8 },
      { name: 'maritalStatus', label: '婚姻状况', points: 12 },
      { name: 'age', label: '年龄', points: 12 },
      { name: 'netAssets', label: '净资产', points: 15 },
      { name: 'annualIncome', label: '家庭年净收入', points: 12 },
      { name: 'contribution', label: '综合贡献', points: 0 },
    ],
    nextGrade: { grade: 'A', pointsNeeded: 6 },
    whatIf: [
      {
        kind: 'score_band',
        message: '本行日均存款达到50,000元可加6分，评级升至A',
        fact: 'relationship.avgDailyDeposit12m',
        from: 0,
        to: 50_000,
        result: { decision: 'pass', score: 65, grade: 'A', limit: 120_000 },
      },
    ],
    v7Checks: { provincialWarningCheckedAt: '2026-12-02', judicialCheckedAt: '2026-12-02', source: 'v7' },
    ...overrides,
  };
}

export function applicationBody(overrides: Partial<CreditApplication> = {}): CreditApplication {
  return {
    id: 'a1',
    status: 'pending_level1',
    evaluationId: 'e1',
    householdId: 'h1',
    householdNo: 'T00000001',
    memberName: '张**',
    idNumber: '3212**********1234',
    branchId: '01',
    managerId: 'm1',
    submittedBy: 'm1',
    submittedByName: '王经理',
    submittedAt: '2026-12-02T02:00:00.000Z',
    modelVersion: 'sunshine-v1',
    decision: 'pass',
    grade: 'B',
    score: 59,
    limit: 90_000,
    approvalLevels: 1,
    approvals: [],
    decidedAt: null,
    ...overrides,
  };
}

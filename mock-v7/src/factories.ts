import { randomUUID } from 'node:crypto';
import { idCheckChar, type V7FilePush, type V7PreCreditPush } from '@sunshine/shared';

/** Test data for the V7 interface: `buildX(overrides)` with valid defaults. */

/** A valid ID number of someone born in Taixing (321283) on `birth` (YYYYMMDD), sequence `seq`. */
export function buildIdNumber(seq = Math.floor(Math.random() * 1000), birth = '19800315'): string {
  const first17 = `321283${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function buildFilePush(overrides: Partial<V7FilePush> = {}): V7FilePush {
  return {
    fileId: `hh_${randomUUID().slice(0, 12)}`,
    version: 1,
    householdNo: 'TX-0101-000123',
    branchId: 'b01',
    regionCode: '321283101201',
    head: { name: '王建国', idNumber: buildIdNumber(11) },
    members: [{ name: '李秀英', idNumber: buildIdNumber(22), relation: '配偶' }],
    facts: { annualIncome: 86000, totalAssets: 520000, mainBusiness: '水稻种植' },
    ...overrides,
  };
}

export function buildPreCreditPush(overrides: Partial<V7PreCreditPush> = {}): V7PreCreditPush {
  return {
    applicationId: `app_${randomUUID().slice(0, 12)}`,
    fileId: 'hh_x',
    applicant: { name: '王建国', idNumber: buildIdNumber(11) },
    modelVersion: 'sunshine-v1',
    decision: 'pass',
    score: 78,
    grade: 'AA',
    limit: 150_000,
    approvalTrail: [
      { step: 'submitted', actorId: 'm.01.01', actorName: '张经理', at: '2026-12-01T09:00:00+08:00' },
      { step: 'level1', actorId: 'bp.01', actorName: '陈行长', comment: '同意', at: '2026-12-01T10:00:00+08:00' },
      { step: 'level2', actorId: 'hq.credit', actorName: '总行授信', comment: '同意', at: '2026-12-01T11:00:00+08:00' },
    ],
    approvedAt: '2026-12-01T11:00:00+08:00',
    ...overrides,
  };
}

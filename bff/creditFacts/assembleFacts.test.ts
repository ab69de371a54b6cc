import type { OdsSnapshotDoc } from '../models/OdsSnapshot';
import { evaluate } from '../credit';
import { assembleFacts, overdueEpisodes } from './assembleFacts';
import { wholeYearsBetween } from './chinaDate';

function snapshot(businessDate: string, o: Partial<{ balance: number; overdueAmount: number; overdueDays: number }> = {}): OdsSnapshotDoc {
  return {
    _id: `${businessDate}|ix`,
    businessDate,
    idIndex: 'ix',
    idMasked: '3212**********0000',
    customerNo: 'C1',
    openDate: '2019-12-02',
    deposit: { demand: 0, time: 0, total: 0, avg1y: 12_345.67 },
    loan: { count: 1, balance: o.balance ?? 0, overdueAmount: o.overdueAmount ?? 0, overdueDays: o.overdueDays ?? 0, firstLoanDate: null },
    wealth: { balance: 0 },
    ebank: { ebank: false, mobile: true },
    warningScore: 61,
    lists: { blacklist: false, graylist: true, dibao: false, blacklistReason: null, graylistReason: null },
    sources: [],
  } as OdsSnapshotDoc;
}

const household = (debts: { lender: string; kind: 'bank_loan' | 'credit_loan' | 'private' | 'other'; balance: number }[]) => ({
  finance: { netIncome: 50_000.5, annualIncome: 80_000 },
  assets: { totalAssets: 400_000, totalDebt: debts.reduce((s, d) => s + d.balance, 0) },
  debts,
});
const member = { birthDate: '1980-05-17', education: 'college', maritalStatus: 'single' };
const checks = {
  provincialWarning: { level: 'none' as const, checkedAt: '2026-12-02' },
  judicial: { dishonestDebtor: false, enforcement: false, frozenAssets: false, checkedAt: '2026-12-02' },
};

describe('assembleFacts', () => {
  it('reads the file, the latest ODS snapshot and the checks into valid facts', () => {
    const facts = assembleFacts({
      asOf: '2026-12-02',
      household: household([]),
      member,
      ods: [snapshot('2026-11-30')],
      checks,
    }) as any;
    expect(facts).toMatchObject({
      asOf: '2026-12-02',
      birthDate: '1980-05-17',
      annualIncome: 50_000.5,
      totalAssets: 400_000,
      relationship: { avgDailyDeposit12m: 12_345.67, hasEBanking: true, wealthBalance: 0, customerSinceYears: 7 },
      checks: { graylist: true, internalWarningScore: 61, provincialWarning: checks.provincialWarning, currentOverdue: false },
    });
    expect(() => evaluate(facts)).not.toThrow();
  });

  it('counts this bank’s loans once: the applicant’s ODS balance replaces the file’s this-bank debts when larger', () => {
    const debts = [
      { lender: '泰兴农商行', kind: 'bank_loan' as const, balance: 20_000 },
      { lender: '邮储银行', kind: 'credit_loan' as const, balance: 15_000.1 },
      { lender: '亲戚', kind: 'private' as const, balance: 5_000 },
    ];
    const facts = assembleFacts({
      asOf: '2026-12-02',
      household: household(debts),
      member,
      ods: [snapshot('2026-11-30', { balance: 30_000 })],
      checks,
    }) as any;
    expect(facts.totalDebt).toBe(50_000.1); // 30,000 here (ODS) + 15,000.10 + 5,000
    expect(facts.existingCreditLoans).toBe(45_000.1); // 15,000.10 elsewhere + 30,000 here
  });

  it('keeps the file’s figure when the ODS reports less (a loan the ODS has not seen yet)', () => {
    const facts = assembleFacts({
      asOf: '2026-12-02',
      household: household([{ lender: '泰兴农村商业银行', kind: 'credit_loan', balance: 40_000 }]),
      member,
      ods: [snapshot('2026-11-30', { balance: 10_000 })],
      checks,
    }) as any;
    expect(facts).toMatchObject({ totalDebt: 40_000, existingCreditLoans: 40_000 });
  });

  it('without ODS data the person is not a customer, and without V7 the checks are null', () => {
    const facts = assembleFacts({
      asOf: '2026-12-02',
      household: household([]),
      member,
      ods: [],
      checks: null,
    }) as any;
    expect(facts.relationship).toEqual({ avgDailyDeposit12m: 0, hasEBanking: false, wealthBalance: 0, customerSinceYears: 0 });
    expect(facts.checks).toMatchObject({ blacklist: false, provincialWarning: null, judicial: null, internalWarningScore: 0 });
    expect(evaluate(facts).decision).toBe('incomplete');
  });

  it('counts overdue episodes: a run of overdue snapshots is one episode; older than 24 months is ignored', () => {
    const s = [
      snapshot('2024-11-01', { overdueDays: 3 }), // before the window
      snapshot('2025-01-01', { overdueDays: 5 }),
      snapshot('2025-02-01', { overdueAmount: 100 }),
      snapshot('2025-03-01'),
      snapshot('2025-09-01', { overdueDays: 1 }),
      snapshot('2026-11-30'),
    ];
    expect(overdueEpisodes(s, '2024-12-02')).toBe(2);
    const facts = assembleFacts({ asOf: '2026-12-02', household: household([]), member, ods: s, checks }) as any;
    expect(facts.checks).toMatchObject({ overdueCount24m: 2, currentOverdue: false });
  });

  it.each([
    ['2019-12-02', '2026-12-02', 7],
    ['2019-12-03', '2026-12-02', 6],
    ['2027-01-01', '2026-12-02', 0],
  ])('whole years from %s to %s: %i', (from, to, years) => {
    expect(wholeYearsBetween(from, to)).toBe(years);
  });
});

import type { HouseholdDoc } from '../models/Household';
import type { OdsSnapshotDoc } from '../models/OdsSnapshot';
import type { V7CheckResult } from './v7Checks';
import { addMonths, wholeYearsBetween } from './chinaDate';

/**
 * Turns a household file, the ODS history and the V7 checks into the engine's ApplicantFacts
 * (credit-model-sunshine-v1.md "Input"). Pure: the caller loads everything first. The
 * engine validates the result, so a file with an impossible value is refused, not scored.
 *
 * Where the sources leave room, this is how the facts are read:
 * - `annualIncome` is the file's household *net* annual income (`finance.netIncome`), as the
 *   spec defines the fact.
 * - This bank's loans: the file lists the household's debts (all members), the ODS the
 *   applicant's balance here. `totalDebt` counts the file's this-bank debts, or the applicant's
 *   ODS balance when that is larger, so a loan is never under-counted or counted twice.
 *   The other members' ODS balances are not read: on FerretDB each is one more collection scan
 *   (odsHistory.ts), and the file already carries them.
 * - `existingCreditLoans` is the file's `credit_loan` debts at other lenders plus, at this
 *   bank, the larger of the file's credit loans and the applicant's ODS loan balance. The ODS
 *   does not say which loans are unsecured, so every loan there counts: a conservative reading
 *   that can only lower a limit.
 * - A person without any ODS snapshot is not a customer: no deposits, no list flags, warning
 *   score 0, no arrears.
 * - `overdueCount24m` counts overdue episodes in the snapshots of the last 24 months: a
 *   snapshot with arrears that follows one without (or is the first) starts an episode. The
 *   ODS keeps one snapshot per imported business date, so episodes that began and ended
 *   between two imported dates are not seen. An approximation until the ODS delivers a
 *   repayment history.
 */
export interface FactSources {
  asOf: string;
  household: {
    finance?: { netIncome?: number | null } | null;
    assets?: { totalAssets?: number | null; totalDebt?: number | null } | null;
    debts?: Array<Pick<HouseholdDoc['debts'][number], 'lender' | 'kind' | 'balance'>> | null;
  };
  member: { birthDate: string; education: string; maritalStatus: string };
  /** The applicant's ODS snapshots of the last 24 months, oldest first. */
  ods: OdsSnapshotDoc[];
  checks: V7CheckResult | null;
}

/** How the file names this bank as a lender. */
const THIS_BANK = /泰兴农商|泰兴农村商业银行/;

const fen = (yuan: number) => Math.round(yuan * 100);
const yuan = (f: number) => f / 100;

export function assembleFacts(src: FactSources): Record<string, unknown> {
  const latest: OdsSnapshotDoc | undefined = src.ods[src.ods.length - 1];
  const debts = src.household.debts ?? [];
  const sumFen = (pred: (d: (typeof debts)[number]) => boolean) => debts.filter(pred).reduce((s, d) => s + fen(d.balance), 0);

  const hereFileFen = sumFen((d) => THIS_BANK.test(d.lender));
  const hereCreditFileFen = sumFen((d) => THIS_BANK.test(d.lender) && d.kind === 'credit_loan');
  const elsewhereCreditFen = sumFen((d) => !THIS_BANK.test(d.lender) && d.kind === 'credit_loan');
  const hereOdsFen = latest ? fen(latest.loan.balance) : 0;
  const totalDebtFen = fen(src.household.assets?.totalDebt ?? 0) - hereFileFen + Math.max(hereFileFen, hereOdsFen);
  const existingCreditFen = elsewhereCreditFen + Math.max(hereCreditFileFen, hereOdsFen);

  return {
    asOf: src.asOf,
    birthDate: src.member.birthDate,
    education: src.member.education,
    maritalStatus: src.member.maritalStatus,
    annualIncome: src.household.finance?.netIncome ?? 0,
    totalAssets: src.household.assets?.totalAssets ?? 0,
    totalDebt: yuan(Math.max(0, totalDebtFen)),
    existingCreditLoans: yuan(existingCreditFen),
    relationship: {
      avgDailyDeposit12m: latest?.deposit.avg1y ?? 0,
      hasEBanking: latest ? latest.ebank.ebank || latest.ebank.mobile : false,
      wealthBalance: latest?.wealth.balance ?? 0,
      customerSinceYears: latest?.openDate ? wholeYearsBetween(latest.openDate, src.asOf) : 0,
    },
    checks: {
      blacklist: latest?.lists.blacklist ?? false,
      graylist: latest?.lists.graylist ?? false,
      subsistenceAllowance: latest?.lists.dibao ?? false,
      provincialWarning: src.checks?.provincialWarning ?? null,
      internalWarningScore: latest?.warningScore ?? 0,
      judicial: src.checks?.judicial ?? null,
      currentOverdue: latest ? isOverdue(latest) : false,
      overdueCount24m: overdueEpisodes(src.ods, addMonths(src.asOf, -24)),
    },
  };
}

function isOverdue(s: OdsSnapshotDoc): boolean {
  return s.loan.overdueAmount > 0 || s.loan.overdueDays > 0;
}

/** Overdue episodes among snapshots (oldest first) dated after `since`. */
export function overdueEpisodes(snapshots: OdsSnapshotDoc[], since: string): number {
  let episodes = 0;
  let wasOverdue = false;
  for (const s of snapshots) {
    if (s.businessDate <= since) continue;
    const now = isOverdue(s);
    if (now && !wasOverdue) episodes += 1;
    wasOverdue = now;
  }
  return episodes;
}

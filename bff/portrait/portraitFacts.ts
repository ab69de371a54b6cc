import type { PortraitFigures, PortraitSeries } from '@sunshine/shared';
import type { Facts } from './tagEngine';

/**
 * Facts for the tag rules, derived from the ODS figures of a household's members. Pure.
 * Money is yuan with at most two decimals; sums are rounded to fen so that floating-point
 * noise never decides a threshold.
 */
export interface MemberOds {
  figures: PortraitFigures;
  lists: { blacklist: boolean; graylist: boolean; dibao: boolean };
  warningScore: number | null;
}

const fen = (n: number) => Math.round(n * 100) / 100;

export function sumFigures(figures: readonly PortraitFigures[]): PortraitFigures | null {
  if (figures.length === 0) return null;
  const sum = (pick: (f: PortraitFigures) => number) => fen(figures.reduce((s, f) => s + pick(f), 0));
  return {
    deposit: {
      demand: sum((f) => f.deposit.demand),
      time: sum((f) => f.deposit.time),
      total: sum((f) => f.deposit.total),
      avg1y: sum((f) => f.deposit.avg1y),
    },
    loan: {
      count: figures.reduce((s, f) => s + f.loan.count, 0),
      balance: sum((f) => f.loan.balance),
      overdueAmount: sum((f) => f.loan.overdueAmount),
      overdueDays: Math.max(...figures.map((f) => f.loan.overdueDays)),
    },
    wealth: { balance: sum((f) => f.wealth.balance) },
    ebank: { ebank: figures.some((f) => f.ebank.ebank), mobile: figures.some((f) => f.ebank.mobile) },
  };
}

export function memberFacts(m: MemberOds | null): Facts {
  const f = m?.figures;
  return {
    hasOds: !!m,
    depositTotal: f?.deposit.total ?? 0,
    depositAvg1y: f?.deposit.avg1y ?? 0,
    loanBalance: f?.loan.balance ?? 0,
    overdueAmount: f?.loan.overdueAmount ?? 0,
    wealthBalance: f?.wealth.balance ?? 0,
    ebank: f?.ebank.ebank ?? false,
    mobile: f?.ebank.mobile ?? false,
    listed: !!m && (m.lists.blacklist || m.lists.graylist),
  };
}

/** The relative change of the household's deposits from the first to the last date of the series. */
export function depositChange(series: PortraitSeries): number | null {
  const first = series.deposits[0];
  const last = series.deposits[series.deposits.length - 1];
  if (series.deposits.length < 2 || first === undefined || last === undefined || first <= 0) return null;
  return Math.round(((last - first) / first) * 10000) / 10000;
}

export function householdFacts(members: ReadonlyArray<MemberOds | null>, series: PortraitSeries): Facts {
  const known = members.filter((m): m is MemberOds => m !== null);
  const total = sumFigures(known.map((m) => m.figures));
  const scores = known.map((m) => m.warningScore).filter((s): s is number => s !== null);
  return {
    hasOds: known.length > 0,
    depositTotal: total?.deposit.total ?? 0,
    depositAvg1y: total?.deposit.avg1y ?? 0,
    loanCount: total?.loan.count ?? 0,
    loanBalance: total?.loan.balance ?? 0,
    overdueAmount: total?.loan.overdueAmount ?? 0,
    overdueDays: total?.loan.overdueDays ?? 0,
    wealthBalance: total?.wealth.balance ?? 0,
    anyEbank: total?.ebank.ebank ?? false,
    anyMobile: total?.ebank.mobile ?? false,
    listed: known.some((m) => m.lists.blacklist || m.lists.graylist),
    dibao: known.some((m) => m.lists.dibao),
    maxWarningScore: scores.length ? Math.max(...scores) : null,
    depositChange: depositChange(series),
  };
}

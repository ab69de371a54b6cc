import { dayNumber } from '../ods/isoDate';
import { overdueDaysOn, type BankProfile } from './bankProfile';
import { round2 } from './money';
import { Rng } from './random';

/**
 * What the ODS reports for a customer on one business date: the standing profile moved by a
 * monthly cycle (wages in, spending out), slow drifts (loan repayment, interest) and a little
 * noise. Each value is a function of (seed, customer, date) alone, so any date can be
 * generated on its own and a month of dates gives smooth series for charts.
 */
export interface DailyValues {
  deposit: { demand: number; time: number; avg1y: number } | null;
  loan: { count: number; balance: number; overdueAmount: number; overdueDays: number; firstLoanDate: string } | null;
  wealth: number;
  warningScore: number;
}

export function dailyValues(
  seed: string | number,
  profile: BankProfile,
  asOf: string,
  date: string,
  listed: { blacklist: boolean; graylist: boolean },
): DailyValues {
  const day = dayNumber(date);
  const fromAsOf = day - dayNumber(asOf);
  const rng = new Rng(seed, 'ods-day', profile.customerNo, date);

  let deposit: DailyValues['deposit'] = null;
  if (profile.deposit) {
    const cycle = 0.1 * Math.sin((2 * Math.PI * day) / 30 + profile.phase);
    const noise = Math.max(-0.1, Math.min(0.1, rng.normal(0, 0.04)));
    deposit = {
      demand: round2(Math.max(0, profile.deposit.demand * (1 + cycle + noise))),
      time: profile.deposit.time,
      avg1y: round2(profile.deposit.avg1y * (1 + 0.01 * Math.sin((2 * Math.PI * day) / 365 + profile.phase))),
    };
  }

  let loan: DailyValues['loan'] = null;
  if (profile.loan && profile.loan.firstLoanDate <= date) {
    const overdueDays = overdueDaysOn(profile, date);
    loan = {
      count: profile.loan.count,
      // About 15% of the principal repaid per year: earlier dates show a slightly larger balance.
      balance: round2(Math.max(0, profile.loan.balance * (1 - 0.0004 * fromAsOf))),
      overdueAmount: overdueDays > 0 ? profile.loan.overdueAmount : 0,
      overdueDays,
      firstLoanDate: profile.loan.firstLoanDate,
    };
  }

  const wealth = profile.wealth > 0 ? round2(profile.wealth * (1 + 0.00008 * fromAsOf)) : 0;

  const overdueDays = loan?.overdueDays ?? 0;
  const score =
    profile.riskBase +
    (listed.blacklist ? 35 : 0) +
    (listed.graylist ? 15 : 0) +
    (overdueDays > 0 ? 30 + Math.min(20, overdueDays / 10) : 0) +
    rng.int(-3, 3);
  return { deposit, loan, wealth, warningScore: Math.max(0, Math.min(100, Math.round(score))) };
}

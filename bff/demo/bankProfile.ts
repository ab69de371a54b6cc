import { addDays, dayNumber, fromDayNumber } from '../ods/isoDate';
import { round2, roundTo } from './money';
import type { Rng } from './random';

/**
 * A person's standing relationship with the bank: what the ODS files report about them,
 * before the day-to-day movement that odsDailyValues.ts adds. The household file's
 * `relationship` block is derived from the same profiles, so the two always agree.
 */
export interface BankProfile {
  customerNo: string;
  openDate: string;
  /** Balances around which daily values move; null = no deposit account. */
  deposit: { demand: number; time: number; avg1y: number } | null;
  loan: {
    count: number;
    balance: number;
    firstLoanDate: string;
    /** The first day in arrears, or null for a loan that is paid on time. */
    overdueSince: string | null;
    overdueAmount: number;
  } | null;
  wealth: number;
  ebank: boolean;
  mobile: boolean;
  /** Internal warning score before list and arrears effects, 0..100. */
  riskBase: number;
  /** Phase of the monthly deposit cycle, so that customers don't all move in step. */
  phase: number;
}

export interface ProfileInput {
  customerNo: string;
  age: number;
  birthDate: string;
  /** Household net income per year: richer households keep larger balances. */
  householdNetIncome: number;
  /** The household runs a business (farm, shop, transport...): more and larger loans. */
  business: boolean;
  asOf: string;
}

/** Whether a person is a customer of the bank at all: most adults are (pensions, subsidies). */
export function isCustomer(rng: Rng, age: number): boolean {
  if (age < 18) return rng.chance(0.12);
  if (age >= 60) return rng.chance(0.9);
  return rng.chance(0.82);
}

export function buildBankProfile(rng: Rng, p: ProfileInput): BankProfile {
  const asOfDay = dayNumber(p.asOf);
  // Accounts are opened from age 16 (or at birth for a child's savings account) and not
  // before 1995, the bank's core system migration; a few are brand new, so a month of
  // business dates shows customers arriving.
  const earliest = Math.max(dayNumber('1995-01-01'), dayNumber(p.birthDate) + (p.age >= 18 ? 16 * 365 : 30));
  const openDay = rng.chance(0.03) ? asOfDay - rng.int(0, 45) : rng.int(Math.min(earliest, asOfDay - 60), asOfDay - 60);
  const wealthFactor = Math.max(0.3, Math.min(4, (p.householdNetIncome / 60_000) ** 0.6));

  let deposit: BankProfile['deposit'] = null;
  if (rng.chance(0.93)) {
    const demand = round2(rng.logNormal(p.age < 18 ? 1_500 : 7_000, 0.9) * wealthFactor);
    const hasTime = rng.chance(p.age >= 55 ? 0.7 : p.age >= 18 ? 0.45 : 0.05);
    const time = hasTime ? roundTo(rng.logNormal(p.age >= 55 ? 80_000 : 50_000, 0.8) * wealthFactor, 1000) : 0;
    const avg1y = round2((demand + time) * rng.float(0.85, 1.05));
    deposit = { demand, time, avg1y };
  }

  let loan: BankProfile['loan'] = null;
  const loanChance = p.age < 22 || p.age > 70 ? 0.01 : p.business ? 0.3 : 0.08;
  if (rng.chance(loanChance)) {
    const count = rng.chance(0.85) ? 1 : 2;
    const balance = roundTo(Math.min(p.business ? 1_500_000 : 300_000, rng.logNormal(p.business ? 200_000 : 60_000, 0.6)) * count, 100);
    const firstLoanDate = fromDayNumber(rng.int(Math.max(openDay, dayNumber('2008-01-01')), asOfDay - 30));
    let overdueSince: string | null = null;
    let overdueAmount = 0;
    if (rng.chance(0.045)) {
      overdueSince = addDays(p.asOf, -rng.int(0, 240));
      overdueAmount = round2(balance * rng.float(0.02, 0.3));
    }
    loan = { count, balance, firstLoanDate, overdueSince, overdueAmount };
  }

  const rich = (deposit?.time ?? 0) + (deposit?.demand ?? 0) > 50_000;
  const wealth = p.age >= 18 && rng.chance(rich ? 0.18 : 0.02) ? roundTo(rng.logNormal(150_000, 0.7) * wealthFactor, 10_000) : 0;

  const mobileChance = p.age < 18 ? 0.05 : p.age < 45 ? 0.75 : p.age < 60 ? 0.5 : p.age < 75 ? 0.2 : 0.03;
  const ebankChance = p.age < 18 ? 0 : p.age < 50 ? 0.3 : 0.08;

  return {
    customerNo: p.customerNo,
    openDate: fromDayNumber(openDay),
    deposit,
    loan,
    wealth,
    ebank: rng.chance(ebankChance),
    mobile: rng.chance(mobileChance),
    riskBase: rng.int(2, 25),
    phase: rng.float(0, 2 * Math.PI),
  };
}

/** Days in arrears on `date`, 0 when paid up. */
export function overdueDaysOn(profile: BankProfile, date: string): number {
  const since = profile.loan?.overdueSince;
  if (!since) return 0;
  const days = dayNumber(date) - dayNumber(since) + 1;
  return days > 0 ? days : 0;
}

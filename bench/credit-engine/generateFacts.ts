/**
 * Deterministic benchmark input: a seeded PRNG (mulberry32) builds varied applicants. Each starts
 * clean (random but admissible amounts, dates, scores), then a profile adds review triggers,
 * reject triggers or missing checks, so the benchmark exercises every branch of the engine
 * (limit computation included) and not just early rejects. Low scores (S01) and low limits (L01)
 * arise on their own from the random amounts.
 */
import { addDays } from '../../bff/credit/calendarDate';
import type { ApplicantFacts } from '../../bff/credit';

/** mulberry32: tiny, fast, good enough for test data, and the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDUCATION = ['primary_or_below', 'junior_high', 'senior_high', 'college', 'bachelor_or_above'] as const;
const MARITAL = ['married', 'single', 'divorced', 'widowed'] as const;

/** Share of each profile; the rest (about half) stay clean. */
const PROFILES = { review: 0.25, reject: 0.2, incomplete: 0.05 };

export function generateFacts(count: number, seed = 20240630): ApplicantFacts[] {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const yuan = (max: number) => int(0, max * 100) / 100; // whole fen, computed in fen so never 0.1 + 0.2
  const chance = (p: number) => random() < p;

  const facts: ApplicantFacts[] = [];
  for (let i = 0; i < count; i++) {
    const asOf = addDays('2024-01-01', int(0, 730));
    const totalAssets = yuan(2_000_000);
    const applicant: ApplicantFacts = {
      asOf,
      birthDate: addDays(asOf, -int(19 * 366, 64 * 365)),
      education: pick(EDUCATION),
      maritalStatus: pick(MARITAL),
      annualIncome: yuan(300_000),
      totalAssets,
      totalDebt: Math.floor(totalAssets * random() * 50) / 100, // ratio below 0.5
      existingCreditLoans: chance(0.3) ? yuan(150_000) : 0,
      relationship: {
        avgDailyDeposit12m: yuan(300_000),
        hasEBanking: chance(0.7),
        wealthBalance: chance(0.3) ? yuan(100_000) : 0,
        customerSinceYears: int(0, 20),
      },
      checks: {
        blacklist: false,
        graylist: false,
        subsistenceAllowance: false,
        provincialWarning: { level: pick(['none', 'none', 'low'] as const), checkedAt: addDays(asOf, -int(0, 30)) },
        internalWarningScore: int(0, 59),
        judicial: { dishonestDebtor: false, enforcement: false, frozenAssets: false, checkedAt: addDays(asOf, -int(0, 30)) },
        currentOverdue: false,
        overdueCount24m: 0,
      },
    };
    const { checks } = applicant;
    const profile = random();
    if (profile < PROFILES.review) {
      const trigger = int(0, 4);
      if (trigger === 0) checks.graylist = true;
      if (trigger === 1 && checks.provincialWarning) checks.provincialWarning.level = 'medium';
      if (trigger === 2) checks.internalWarningScore = int(60, 79);
      if (trigger === 3) checks.overdueCount24m = int(1, 2);
      if (trigger === 4) applicant.totalDebt = (Math.floor(totalAssets * (50 + random() * 30)) + 1) / 100;
    } else if (profile < PROFILES.review + PROFILES.reject) {
      const trigger = int(0, 7);
      if (trigger === 0) checks.blacklist = true;
      if (trigger === 1 && checks.judicial) checks.judicial.dishonestDebtor = true;
      if (trigger === 2) checks.subsistenceAllowance = true;
      if (trigger === 3 && checks.provincialWarning) checks.provincialWarning.level = 'high';
      if (trigger === 4) checks.internalWarningScore = int(80, 100);
      if (trigger === 5) applicant.birthDate = addDays(asOf, -int(67 * 365, 80 * 365));
      if (trigger === 6) checks.currentOverdue = true;
      if (trigger === 7) applicant.totalDebt = (int(0, 300_000_000) + Math.round(totalAssets * 100)) / 100;
    } else if (profile < PROFILES.review + PROFILES.reject + PROFILES.incomplete) {
      if (chance(0.5)) checks.judicial = null;
      else if (checks.provincialWarning) checks.provincialWarning.checkedAt = addDays(asOf, -int(31, 90));
    }
    facts.push(applicant);
  }
  return facts;
}

/**
 * The shape of `ApplicantFacts` (spec "Input"), as a zod 4 schema. It is the single source of the
 * type: `ApplicantFacts` is inferred from it, so the validator and the type cannot drift apart.
 *
 * Beyond the spec's shape, it refuses what the engine cannot compute with exactly:
 * - amounts with more than two decimals (not a whole number of fen) or above one trillion yuan;
 * - dates that are not real calendar days (2023-02-30) or not written `YYYY-MM-DD`;
 * - unknown keys, at every level (strict objects): a decision is stored with "the exact facts it
 *   was computed from", so a fact the model silently ignored must not ride along looking relevant.
 */
import { z } from 'zod';
import * as calendar from './calendarDate';
import * as money from './money';
const { isCalendarDate } = calendar;
const { MAX_AMOUNT_YUAN, isWholeFen } = money;

/** `YYYY-MM-DD` naming a day that exists. */
const calendarDate = z.string().refine(isCalendarDate, { message: 'must be a calendar date written YYYY-MM-DD' });

/**
 * A number passing `test`, else one issue with `message`. One custom check instead of chained
 * `.min().max().refine()`: each chained check costs a pass through zod's check runner, and the
 * engine validates 13 numbers per evaluation at ≥100,000 evaluations a second. The messages stay
 * as specific as the chained checks' were.
 */
function numberWhere(test: (value: number) => string | null) {
  return z.number().check((ctx) => {
    const message = test(ctx.value);
    if (message !== null) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });
}

/** Yuan, ≥ 0, at most one trillion, a whole number of fen (at most two decimals). */
const amount = numberWhere((x) =>
  x < 0
    ? 'must be an amount >= 0'
    : x > MAX_AMOUNT_YUAN
      ? `must be at most ${MAX_AMOUNT_YUAN} yuan`
      : isWholeFen(x)
        ? null
        : 'must have at most two decimals (a whole number of fen)',
);

/** A whole number ≥ 0. */
const count = numberWhere((x) => (Number.isSafeInteger(x) ? (x < 0 ? 'must be >= 0' : null) : 'must be a whole number'));

/** The internal warning score, 0..100; decimals are allowed: the spec bounds it, not its precision. */
const score0to100 = numberWhere((x) => (x >= 0 && x <= 100 ? null : 'must be between 0 and 100'));

export const educationSchema = z.enum(['primary_or_below', 'junior_high', 'senior_high', 'college', 'bachelor_or_above']);
export const maritalStatusSchema = z.enum(['married', 'single', 'divorced', 'widowed']);
export const warningLevelSchema = z.enum(['none', 'low', 'medium', 'high']);

export const applicantFactsSchema = z.strictObject({
  /** Evaluation date: the engine's only notion of "today". */
  asOf: calendarDate,
  /** From the ID-card number. */
  birthDate: calendarDate,
  education: educationSchema,
  maritalStatus: maritalStatusSchema,
  /** Household net annual income. */
  annualIncome: amount,
  /** Houses, vehicles, machinery, deposits, livestock... */
  totalAssets: amount,
  /** Every debt: loans here and elsewhere, private debt. */
  totalDebt: amount,
  /** Outstanding unsecured credit-loan balance, here and elsewhere. */
  existingCreditLoans: amount,
  relationship: z.strictObject({
    /** Average daily deposit balance at this bank over 12 months. */
    avgDailyDeposit12m: amount,
    /** Mobile/online banking signed. */
    hasEBanking: z.boolean(),
    /** Wealth-management (理财) balance. */
    wealthBalance: amount,
    /** Whole years as a customer. */
    customerSinceYears: count,
  }),
  checks: z.strictObject({
    /** Bank blacklist (黑名单). */
    blacklist: z.boolean(),
    /** Bank graylist (灰名单). */
    graylist: z.boolean(),
    /** 低保户. */
    subsistenceAllowance: z.boolean(),
    /** 省联社风险预警; null when it was never queried. */
    provincialWarning: z.strictObject({ level: warningLevelSchema, checkedAt: calendarDate }).nullable(),
    /** The bank's own early-warning model. */
    internalWarningScore: score0to100,
    /** 司法查控; null when it was never queried. */
    judicial: z
      .strictObject({
        dishonestDebtor: z.boolean(),
        enforcement: z.boolean(),
        frozenAssets: z.boolean(),
        checkedAt: calendarDate,
      })
      .nullable(),
    /** Any amount overdue today. */
    currentOverdue: z.boolean(),
    /** Overdue episodes in the last 24 months. */
    overdueCount24m: count,
  }),
});

/** Facts about one applicant household, as validated by `applicantFactsSchema`. */
export type ApplicantFacts = z.infer<typeof applicantFactsSchema>;

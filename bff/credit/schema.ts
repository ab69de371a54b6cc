/**
 * The shape of `ApplicantFacts` (spec "Input"), as a zod 4 schema. It is the single source of the
 * type: `ApplicantFacts` is inferred from it, so the validator and the type cannot drift apart.
 *
 * Beyond the spec's shape, it refuses what the engine cannot compute with exactly:
 * - amounts with more than two decimals (not a whole number of fen) or above one trillion yuan;
 * - dates that are not real calendar days (2023-02-30) or not written `YYYY-MM-DD`.
 *
 * Unknown keys are dropped, not refused (zod's default `z.object`): every field is required, so a
 * misspelt field already fails as missing, and callers may pass richer records. Store the parsed
 * facts (`validateFacts`) with a decision: they are exactly what the model saw. (Refusing unknown
 * keys was measured at ~7% of an evaluation.)
 */
import { z } from 'zod';
import { calendarDateSchema } from './calendarDate';
import { amountSchema } from './money';
import { numberWhere } from './numberCheck';

/** A whole number ≥ 0. */
const count = numberWhere((x) => (Number.isSafeInteger(x) ? (x < 0 ? 'must be >= 0' : null) : 'must be a whole number'));

/** The internal warning score, 0..100; decimals are allowed: the spec bounds it, not its precision. */
const score0to100 = numberWhere((x) => (x >= 0 && x <= 100 ? null : 'must be between 0 and 100'));

export const educationSchema = z.enum(['primary_or_below', 'junior_high', 'senior_high', 'college', 'bachelor_or_above']);
export const maritalStatusSchema = z.enum(['married', 'single', 'divorced', 'widowed']);
export const warningLevelSchema = z.enum(['none', 'low', 'medium', 'high']);

export const applicantFactsSchema = z.object({
  /** Evaluation date: the engine's only notion of "today". */
  asOf: calendarDateSchema,
  /** From the ID-card number. */
  birthDate: calendarDateSchema,
  education: educationSchema,
  maritalStatus: maritalStatusSchema,
  /** Household net annual income. */
  annualIncome: amountSchema,
  /** Houses, vehicles, machinery, deposits, livestock... */
  totalAssets: amountSchema,
  /** Every debt: loans here and elsewhere, private debt. */
  totalDebt: amountSchema,
  /** Outstanding unsecured credit-loan balance, here and elsewhere. */
  existingCreditLoans: amountSchema,
  relationship: z.object({
    /** Average daily deposit balance at this bank over 12 months. */
    avgDailyDeposit12m: amountSchema,
    /** Mobile/online banking signed. */
    hasEBanking: z.boolean(),
    /** Wealth-management (理财) balance. */
    wealthBalance: amountSchema,
    /** Whole years as a customer. */
    customerSinceYears: count,
  }),
  checks: z.object({
    /** Bank blacklist (黑名单). */
    blacklist: z.boolean(),
    /** Bank graylist (灰名单). */
    graylist: z.boolean(),
    /** 低保户. */
    subsistenceAllowance: z.boolean(),
    /** 省联社风险预警; null when it was never queried. */
    provincialWarning: z.object({ level: warningLevelSchema, checkedAt: calendarDateSchema }).nullable(),
    /** The bank's own early-warning model. */
    internalWarningScore: score0to100,
    /** 司法查控; null when it was never queried. */
    judicial: z
      .object({
        dishonestDebtor: z.boolean(),
        enforcement: z.boolean(),
        frozenAssets: z.boolean(),
        checkedAt: calendarDateSchema,
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

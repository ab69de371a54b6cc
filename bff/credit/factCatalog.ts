/**
 * Every fact a model may name in a condition or a score factor, and how to read it: the
 * json-rules-engine "almanac" of facts, registered once. Model data names facts by path
 * (`checks.judicial.enforcement`); the engine looks the reader up here when it compiles a model.
 *
 * Why a catalogue of one-line readers rather than walking the dotted path at run time: each
 * reader is its own small function reading fixed property names, which V8 optimises into a few
 * loads. A generic walker reads property names from data, one shared call site for every shape,
 * and was the slowest part of an evaluation. A `sunshine-v2` that needs a new fact adds one line
 * here; catalog.test.ts checks every reader against a plain dotted-path walk.
 */
import type { Almanac } from './types';

type Reader = (almanac: Almanac) => unknown;

export const factCatalog = {
  education: (a) => a.facts.education,
  maritalStatus: (a) => a.facts.maritalStatus,
  annualIncome: (a) => a.facts.annualIncome,
  totalAssets: (a) => a.facts.totalAssets,
  totalDebt: (a) => a.facts.totalDebt,
  existingCreditLoans: (a) => a.facts.existingCreditLoans,
  'relationship.avgDailyDeposit12m': (a) => a.facts.relationship.avgDailyDeposit12m,
  'relationship.hasEBanking': (a) => a.facts.relationship.hasEBanking,
  'relationship.wealthBalance': (a) => a.facts.relationship.wealthBalance,
  'relationship.customerSinceYears': (a) => a.facts.relationship.customerSinceYears,
  'checks.blacklist': (a) => a.facts.checks.blacklist,
  'checks.graylist': (a) => a.facts.checks.graylist,
  'checks.subsistenceAllowance': (a) => a.facts.checks.subsistenceAllowance,
  // A missing check reads `undefined`, which no operator matches against a real value.
  'checks.provincialWarning.level': (a) => a.facts.checks.provincialWarning?.level,
  'checks.provincialWarning.checkedAt': (a) => a.facts.checks.provincialWarning?.checkedAt,
  'checks.internalWarningScore': (a) => a.facts.checks.internalWarningScore,
  'checks.judicial.dishonestDebtor': (a) => a.facts.checks.judicial?.dishonestDebtor,
  'checks.judicial.enforcement': (a) => a.facts.checks.judicial?.enforcement,
  'checks.judicial.frozenAssets': (a) => a.facts.checks.judicial?.frozenAssets,
  'checks.judicial.checkedAt': (a) => a.facts.checks.judicial?.checkedAt,
  'checks.currentOverdue': (a) => a.facts.checks.currentOverdue,
  'checks.overdueCount24m': (a) => a.facts.checks.overdueCount24m,
  'derived.age': (a) => a.derived.age,
  'derived.debtRatio': (a) => a.derived.debtRatio,
  'derived.provincialWarningFresh': (a) => a.derived.provincialWarningFresh,
  'derived.judicialFresh': (a) => a.derived.judicialFresh,
  'derived.fen.annualIncome': (a) => a.derived.fen.annualIncome,
  'derived.fen.totalAssets': (a) => a.derived.fen.totalAssets,
  'derived.fen.totalDebt': (a) => a.derived.fen.totalDebt,
  'derived.fen.existingCreditLoans': (a) => a.derived.fen.existingCreditLoans,
  'derived.fen.avgDailyDeposit12m': (a) => a.derived.fen.avgDailyDeposit12m,
  'derived.fen.wealthBalance': (a) => a.derived.fen.wealthBalance,
  'derived.fen.netAssets': (a) => a.derived.fen.netAssets,
} as const satisfies Record<string, Reader>;

/** A fact a model may name; the compiler refuses any other path in model data. */
export type FactPath = keyof typeof factCatalog;

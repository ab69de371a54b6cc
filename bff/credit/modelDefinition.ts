/**
 * The shape of a credit model as data. A model (models/sunshineV1.ts) holds every number and
 * word of its policy; the engine files only interpret it, so `sunshine-v2` is a new data file.
 */
import type { AmountName } from './derivedFacts';
import type { OperatorName } from './operators';
import type { Rational } from './rational';
import type { ApprovalLevels, FactPath, Grade, ReasonOutcome } from './types';

/** What a fired rule (or a grade or limit check) adds to `reasons`. */
export interface ReasonTemplate {
  readonly code: string;
  readonly outcome: ReasonOutcome;
  /** Short Chinese sentence a manager can read to the customer. */
  readonly message: string;
}

export type ConditionValue = string | number | boolean | null | Rational | readonly (string | number)[];

/** One test of one fact, e.g. `{ fact: 'checks.blacklist', operator: 'equal', value: true }`. */
export interface Condition {
  readonly fact: FactPath;
  readonly operator: OperatorName;
  readonly value: ConditionValue;
}

/** Conditions combine like json-rules-engine's: all / any / not, nested freely. */
export type ConditionNode =
  Condition | { readonly all: readonly ConditionNode[] } | { readonly any: readonly ConditionNode[] } | { readonly not: ConditionNode };

/** An admission rule: when `conditions` hold, `event` becomes a reason. */
export interface AdmissionRule {
  readonly conditions: ConditionNode;
  readonly event: ReasonTemplate;
}

/** A half-open range [from, to); null means unbounded on that side. */
export interface Band {
  readonly from: number | null;
  readonly to: number | null;
  readonly points: number;
}

/** One part of a score factor; a factor's points are the sum of its parts. */
export type ScoreComponent =
  /** Points per enum value (education, marital status); an unlisted value scores 0. */
  | { readonly kind: 'lookup'; readonly fact: FactPath; readonly points: Readonly<Record<string, number>> }
  /** Points by the band a plain number falls in (age); no band, 0 points. */
  | { readonly kind: 'bands'; readonly fact: FactPath; readonly bands: readonly Band[] }
  /**
   * Points by the band an amount falls in. Bounds are written in yuan, as in the spec, and
   * compared with the amount in fen, so a computed amount (net assets) is never a rounded float.
   */
  | { readonly kind: 'amountBands'; readonly amount: AmountName; readonly bands: readonly Band[] }
  /** Fixed points when a condition holds (has e-banking, holds wealth products...). */
  | { readonly kind: 'bonus'; readonly when: ConditionNode; readonly points: number };

export interface ScoreFactor {
  readonly name: string;
  readonly components: readonly ScoreComponent[];
}

/** A grade and the lowest score that earns it; `reason` is added when an applicant gets it. */
export interface GradeCutoff {
  readonly grade: Grade;
  readonly minScore: number;
  readonly reason?: ReasonTemplate;
}

export interface LimitPolicy {
  /** Yuan by grade; a grade that can reach the limit (no reject reason) must have one. */
  readonly gradeBase: Readonly<Partial<Record<Grade, number>>>;
  /** Exact fractions of totalAssets and annualIncome, e.g. { num: 1, den: 10 } for 0.10. */
  readonly assetCoefficient: Rational;
  readonly incomeCoefficient: Rational;
  /** Yuan: min(raw, cap). */
  readonly cap: number;
  /** Yuan: the limit is rounded down to a multiple of this. */
  readonly roundingUnit: number;
  /** Yuan: a computed limit below this adds `tooLowReason`. */
  readonly minimum: number;
  readonly tooLowReason: ReasonTemplate;
}

/** How many approvers sign, by decision; a pass above `pass.above.limit` needs more. */
export interface ApprovalPolicy {
  readonly reject: ApprovalLevels;
  readonly incomplete: ApprovalLevels;
  readonly review: ApprovalLevels;
  readonly pass: {
    readonly levels: ApprovalLevels;
    readonly above: { readonly limit: number; readonly levels: ApprovalLevels };
  };
}

export interface CreditModel<V extends string = string> {
  readonly version: V;
  /** A check dated exactly this many days before asOf is fresh; older is stale (R10). */
  readonly checkFreshnessDays: number;
  /** Every rule is evaluated; every rule that fires adds one reason. */
  readonly admission: readonly AdmissionRule[];
  /** Score factors, in output order. */
  readonly scorecard: readonly ScoreFactor[];
  /** Highest grade first; the first cut-off the score reaches wins. The last must accept 0. */
  readonly grades: readonly GradeCutoff[];
  readonly limit: LimitPolicy;
  readonly approval: ApprovalPolicy;
}

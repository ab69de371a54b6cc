/**
 * "What would change the result": counterfactuals a manager can discuss with the customer.
 * Each one changes one fact, runs the same model again and reports what it would then decide,
 * so a suggestion can never promise what the engine would not do. Pure, like the engine.
 *
 * The thresholds come from the model's own data (score bands, the debt-ratio rules, the limit
 * policy), so a `sunshine-v2` gets its own suggestions without changes here.
 */
import { evaluateWithModel } from './evaluate';
import type { Band, ConditionNode, CreditModel, ScoreComponent } from './modelDefinition';
import type { ApplicantFacts, CreditDecision, DecisionOutcome, Grade } from './types';

export interface WhatIf {
  /** `score_band` | `bonus` | `debt_ratio` | `limit_too_low` | `credit_loans`. */
  readonly kind: string;
  /** Chinese, readable to the customer. */
  readonly message: string;
  /** The fact changed, as a dotted path of ApplicantFacts. */
  readonly fact: string;
  readonly from: number | boolean;
  readonly to: number | boolean;
  readonly result: { decision: DecisionOutcome; score: number; grade: Grade; limit: number };
}

const RANK: Record<DecisionOutcome, number> = { reject: 0, incomplete: 1, review: 2, pass: 3 };

/** Amount names the scorecard bands, mapped to the fact a customer can change. */
const BANDED_FACTS: Record<string, { path: string; label: string }> = {
  annualIncome: { path: 'annualIncome', label: '家庭年净收入' },
  avgDailyDeposit12m: { path: 'relationship.avgDailyDeposit12m', label: '本行日均存款' },
  netAssets: { path: 'totalAssets', label: '净资产' },
};

const BONUS_LABELS: Record<string, string> = {
  'relationship.hasEBanking': '开通手机银行或网上银行',
  'relationship.wealthBalance': '持有本行理财产品',
};

const fenOf = (yuan: number) => Math.round(yuan * 100);
const yuanOf = (fen: number) => fen / 100;
const formatYuan = (yuan: number) => `${yuan.toLocaleString('en-US', { maximumFractionDigits: 2 })}元`;

function setPath(facts: ApplicantFacts, path: string, value: unknown): ApplicantFacts {
  const copy = structuredClone(facts) as unknown as Record<string, unknown>;
  const parts = path.split('.');
  const last = parts.pop() as string;
  let target = copy;
  for (const part of parts) target = target[part] as Record<string, unknown>;
  target[last] = value;
  return copy as unknown as ApplicantFacts;
}

function getPath(facts: ApplicantFacts, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], facts);
}

/** The counterfactuals for `facts`, whose decision under `model` is `decision`. */
export function whatIf<V extends string>(facts: ApplicantFacts, decision: CreditDecision<V>, model: CreditModel<V>): WhatIf[] {
  const out: WhatIf[] = [];
  const tryChange = (kind: string, path: string, to: number | boolean, message: (r: CreditDecision<V>) => string) => {
    const from = getPath(facts, path) as number | boolean;
    const r = evaluateWithModel(setPath(facts, path, to), model);
    const better = r.score > decision.score || RANK[r.decision] > RANK[decision.decision] || r.limit > decision.limit;
    if (better) {
      out.push({
        kind,
        message: message(r),
        fact: path,
        from,
        to,
        result: { decision: r.decision, score: r.score, grade: r.grade, limit: r.limit },
      });
    }
  };
  const nextGrade = nextGradeGap(decision, model);
  const gradeNote = (r: CreditDecision<V>) => (r.grade !== decision.grade ? `，评级升至${r.grade}` : '');
  if (nextGrade) {
    const netAssetsFen = fenOf(facts.totalAssets) - fenOf(facts.totalDebt);
    for (const factor of model.scorecard) {
      for (const c of factor.components) suggestScore(c, netAssetsFen);
    }
  }

  function suggestScore(c: ScoreComponent, netAssetsFen: number) {
    if (c.kind === 'amountBands') {
      const target = BANDED_FACTS[c.amount];
      if (!target) return;
      const currentFen = c.amount === 'netAssets' ? netAssetsFen : fenOf(getPath(facts, target.path) as number);
      const next = nextBand(c.bands, currentFen);
      if (!next || next.from === null) return;
      const neededFen = fenOf(next.from) - currentFen;
      const to = c.amount === 'netAssets' ? yuanOf(fenOf(facts.totalAssets) + neededFen) : next.from;
      const what =
        c.amount === 'netAssets'
          ? `${target.label}达到${formatYuan(next.from)}(资产增加${formatYuan(yuanOf(neededFen))})`
          : `${target.label}达到${formatYuan(next.from)}`;
      tryChange('score_band', target.path, to, (r) => `${what}可加${r.score - decision.score}分${gradeNote(r)}`);
    } else if (c.kind === 'bonus' && 'fact' in c.when) {
      const label = BONUS_LABELS[c.when.fact];
      if (!label) return;
      const current = getPath(facts, c.when.fact);
      if (current === true || (typeof current === 'number' && current > 0)) return;
      const to = typeof current === 'boolean' ? true : 1;
      tryChange('bonus', c.when.fact, to, (r) => `${label}可加${r.score - decision.score}分${gradeNote(r)}`);
    }
  }

  // Debt ratio: the largest debt that keeps each fired debt-ratio rule from firing.
  const firedCodes = new Set(decision.reasons.map((r) => r.code));
  for (const rule of model.admission) {
    if (!firedCodes.has(rule.event.code)) continue;
    const bound = ratioBound(rule.conditions);
    if (!bound || bound.den === 0) continue;
    const maxDebtFen = Math.floor((fenOf(facts.totalAssets) * bound.num) / bound.den);
    if (maxDebtFen >= fenOf(facts.totalDebt)) continue;
    const pct = Math.round((bound.num / bound.den) * 100);
    tryChange(
      'debt_ratio',
      'totalDebt',
      yuanOf(maxDebtFen),
      (r) => `总负债降至${formatYuan(yuanOf(maxDebtFen))}以下(负债率不超过${pct}%)，结论为${OUTCOME_LABELS[r.decision]}`,
    );
  }

  // Existing credit loans: they come off the limit one for one.
  if (facts.existingCreditLoans > 0 && decision.limitBreakdown) {
    const b = decision.limitBreakdown;
    const ceilingFen = Math.floor(Math.min(b.raw, b.cap) * 100);
    if (firedCodes.has(model.limit.tooLowReason.code)) {
      const maxFen = ceilingFen - fenOf(model.limit.minimum);
      if (maxFen >= 0) {
        tryChange(
          'limit_too_low',
          'existingCreditLoans',
          yuanOf(maxFen),
          (r) => `已有信用贷款降至${formatYuan(yuanOf(maxFen))}以下，额度可达${formatYuan(r.limit)}`,
        );
      }
    } else {
      tryChange(
        'credit_loans',
        'existingCreditLoans',
        0,
        (r) => `结清已有信用贷款${formatYuan(facts.existingCreditLoans)}，额度可达${formatYuan(r.limit)}`,
      );
    }
  }
  return out;
}

const OUTCOME_LABELS: Record<DecisionOutcome, string> = { pass: '通过', review: '需人工审核', reject: '不通过', incomplete: '资料不全' };

/** The first band above the one `fen` falls in. */
function nextBand(bands: readonly Band[], fen: number): Band | undefined {
  const sorted = [...bands].sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity));
  return sorted.find((b) => b.from !== null && fenOf(b.from) > fen);
}

/** The ratio a debt-ratio rule fires above (its `ratioGreaterThan` bound), if it has one. */
function ratioBound(node: ConditionNode): { num: number; den: number } | undefined {
  if ('all' in node) return node.all.map(ratioBound).find((b) => b !== undefined);
  if ('any' in node || 'not' in node) return undefined;
  if (node.fact !== 'derived.debtRatio' || node.operator !== 'ratioGreaterThan') return undefined;
  const v = node.value as { num?: unknown; den?: unknown };
  return typeof v.num === 'number' && typeof v.den === 'number' ? { num: v.num, den: v.den } : undefined;
}

/** The next grade up and the points it needs, or null at the top grade. */
export function nextGradeGap<V extends string>(
  decision: CreditDecision<V>,
  model: CreditModel<V>,
): { grade: Grade; pointsNeeded: number } | null {
  const next = [...model.grades].reverse().find((g) => g.minScore > decision.score);
  return next ? { grade: next.grade, pointsNeeded: next.minScore - decision.score } : null;
}

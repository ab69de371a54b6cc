/** Small readers that keep test assertions about one reason or one factor short. */
import type { CreditDecision, ReasonOutcome } from '../types';

/** The outcome of the reason with that code, or null when the rule did not fire. */
export function outcomeOf(decision: CreditDecision<string>, code: string): ReasonOutcome | null {
  return decision.reasons.find((reason) => reason.code === code)?.outcome ?? null;
}

/** Reason codes in the decision's order. */
export function codesOf(decision: CreditDecision<string>): string[] {
  return decision.reasons.map((reason) => reason.code);
}

/** Points of one scorecard factor. */
export function pointsOf(decision: CreditDecision<string>, factor: string): number {
  const row = decision.factors.find((candidate) => candidate.name === factor);
  if (row === undefined) throw new Error(`no factor ${factor}`);
  return row.points;
}

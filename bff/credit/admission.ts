/**
 * Admission (spec §1): every rule is evaluated, and every rule that fires adds its reason. No
 * short-circuit, so a customer hears all the reasons at once, not one per visit.
 */
import { compileCondition, type Predicate } from './conditions';
import type { AdmissionRule, ReasonTemplate } from './modelDefinition';
import type { Almanac, Reason } from './types';

export interface CompiledRule {
  readonly fires: Predicate;
  readonly event: ReasonTemplate;
}

export function compileAdmission(rules: readonly AdmissionRule[]): readonly CompiledRule[] {
  return rules.map((rule) => ({ fires: compileCondition(rule.conditions), event: rule.event }));
}

/** A fresh reason object, so a caller editing a decision cannot edit the model's data. */
export function toReason(template: ReasonTemplate): Reason {
  return { code: template.code, outcome: template.outcome, message: template.message };
}

/** The reasons of every fired rule, in rule order (decision.ts sorts them). */
export function runAdmission(rules: readonly CompiledRule[], almanac: Almanac): Reason[] {
  const reasons: Reason[] = [];
  for (const rule of rules) {
    if (rule.fires(almanac)) reasons.push(toReason(rule.event));
  }
  return reasons;
}

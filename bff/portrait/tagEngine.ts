/**
 * A small rules engine for portrait tags (rules as data, json-rules-engine style): a rule's
 * condition is a tree of `{fact, op, value}` leaves under `all` / `any`, evaluated against the
 * facts of one subject (the household or one member). Pure: no clock, no I/O.
 *
 * A tag carries the reason it was given, rendered from the rule's template with the very
 * facts that matched, so a manager can tell a customer why a product is suggested.
 */
export type FactValue = number | boolean | null;
export type Facts = Readonly<Record<string, FactValue>>;

export const OPERATORS = {
  gte: (a: FactValue, b: FactValue) => typeof a === 'number' && typeof b === 'number' && a >= b,
  gt: (a: FactValue, b: FactValue) => typeof a === 'number' && typeof b === 'number' && a > b,
  lte: (a: FactValue, b: FactValue) => typeof a === 'number' && typeof b === 'number' && a <= b,
  lt: (a: FactValue, b: FactValue) => typeof a === 'number' && typeof b === 'number' && a < b,
  eq: (a: FactValue, b: FactValue) => a === b,
  ne: (a: FactValue, b: FactValue) => a !== b,
} as const;
export type Operator = keyof typeof OPERATORS;

export type Condition = { all: Condition[] } | { any: Condition[] } | { fact: string; op: Operator; value: FactValue };

export interface TagRule<P extends string = string> {
  code: string;
  subject: 'household' | 'member';
  label: string;
  severity: 'opportunity' | 'attention' | 'risk';
  product: P | null;
  when: Condition;
  /** `{fact}` is replaced by the fact's value; `{fact:wan}` formats yuan as 万元. */
  reason: string;
}

export interface RuleSet<P extends string = string> {
  version: string;
  rules: readonly TagRule<P>[];
}

export interface TagResult<P extends string = string> {
  code: string;
  label: string;
  severity: TagRule['severity'];
  product: P | null;
  reason: string;
  memberId: string | null;
}

export function matches(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((c) => matches(c, facts));
  if ('any' in condition) return condition.any.some((c) => matches(c, facts));
  if (!(condition.fact in facts)) throw new Error(`unknown fact ${condition.fact}`);
  return OPERATORS[condition.op](facts[condition.fact] ?? null, condition.value);
}

export function renderReason(template: string, facts: Facts): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_all, name: string, format?: string) => {
    const v = facts[name];
    if (v === undefined) throw new Error(`unknown fact ${name} in reason`);
    if (format === 'wan' && typeof v === 'number') return `${(v / 10000).toFixed(2)}万元`;
    if (format === 'pct' && typeof v === 'number') return `${Math.round(Math.abs(v) * 100)}%`;
    return String(v);
  });
}

/** Evaluates every rule against the household and each member; results in rule order. */
export function evaluateTags<P extends string>(
  ruleSet: RuleSet<P>,
  subjects: { household: Facts; members: ReadonlyArray<{ memberId: string; facts: Facts }> },
): TagResult<P>[] {
  const out: TagResult<P>[] = [];
  for (const rule of ruleSet.rules) {
    const targets = rule.subject === 'household' ? [{ memberId: null, facts: subjects.household }] : subjects.members;
    for (const t of targets) {
      if (!matches(rule.when, t.facts)) continue;
      out.push({
        code: rule.code,
        label: rule.label,
        severity: rule.severity,
        product: rule.product,
        reason: renderReason(rule.reason, t.facts),
        memberId: t.memberId,
      });
    }
  }
  return out;
}

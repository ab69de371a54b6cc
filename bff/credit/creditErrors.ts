/**
 * Typed errors of the credit engine, with stable ids so the BFF's error middleware can map them
 * (a 400 naming the field for bad facts) without parsing messages.
 */
import type { z } from 'zod';

/** One refused field: its dotted path and why. */
export interface CreditFactsIssue {
  readonly field: string;
  readonly message: string;
}

/** Dotted path of a zod issue; an unknown key is reported at the key's own path. */
function issueFields(issue: z.core.$ZodIssue): string[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => (base === '' ? key : `${base}.${key}`));
  return [base];
}

/**
 * The facts do not have the shape of `ApplicantFacts`. They never produce a decision.
 *
 * `field` is the dotted path of the first bad field in schema order (e.g.
 * `checks.internalWarningScore`), `fields` every bad path. A fact that is not an object at all is
 * reported with the empty path `''`.
 */
export class CreditFactsError extends Error {
  override readonly name = 'CreditFactsError';
  /** Stable id, never renamed. */
  readonly id = 'credit.facts_invalid';
  readonly field: string;
  readonly fields: readonly string[];
  readonly issues: readonly CreditFactsIssue[];

  constructor(issues: readonly CreditFactsIssue[]) {
    const first = issues[0] ?? { field: '', message: 'invalid facts' };
    super(`Invalid credit facts: ${first.field === '' ? '(facts)' : first.field}: ${first.message}`);
    this.issues = issues;
    this.field = first.field;
    this.fields = [...new Set(issues.map((issue) => issue.field))];
  }

  /** Builds the error from zod's issues, keeping zod's order (schema key order). */
  static fromZod(error: z.ZodError): CreditFactsError {
    return new CreditFactsError(error.issues.flatMap((issue) => issueFields(issue).map((field) => ({ field, message: issue.message }))));
  }
}

/** `getModel` was asked for a model version that is not registered. */
export class UnknownCreditModelError extends Error {
  override readonly name = 'UnknownCreditModelError';
  readonly id = 'credit.model_unknown';

  constructor(readonly version: string) {
    super(`Unknown credit model version: ${version}`);
  }
}

/** A model definition breaks an invariant the engine relies on; found when it is first compiled. */
export class CreditModelError extends Error {
  override readonly name = 'CreditModelError';
  readonly id = 'credit.model_invalid';
}

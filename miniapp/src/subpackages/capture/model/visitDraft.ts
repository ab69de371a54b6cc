import { createVisitSchema, type CreateVisit, type GeoFix } from '@sunshine/shared';
import { fieldErrors, type FieldErrors, type ValidationResult } from './householdDraft';

/** The visit page's state, checked with the BFF's createVisitSchema (photo ids come at send time). */
export interface VisitDraft {
  location: GeoFix | null;
  notes: string;
  products: string[];
  creditAmount: string;
  creditPurpose: string;
  outcome: string;
  /** YYYY-MM-DD or '' for none. */
  nextFollowUp: string;
}

export const emptyVisitDraft = (): VisitDraft => ({
  location: null,
  notes: '',
  products: [],
  creditAmount: '',
  creditPurpose: '',
  outcome: '',
  nextFollowUp: '',
});

export function validateVisit(d: VisitDraft, clientId: string, householdId: string): ValidationResult<CreateVisit> {
  const amount = d.creditAmount.trim();
  const parsed = createVisitSchema.safeParse({
    clientId,
    householdId,
    location: d.location ?? undefined,
    notes: d.notes,
    products: d.products,
    creditNeed: amount ? { amount: Number.isFinite(Number(amount)) ? Number(amount) : amount, purpose: d.creditPurpose } : null,
    outcome: d.outcome || undefined,
    nextFollowUp: d.nextFollowUp || null,
    photoIds: [],
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = fieldErrors(parsed.error.issues);
  if (!d.location) errors.location = '请先定位';
  return { ok: false, errors };
}

/** A date `days` after today in China (UTC+8), as follow-up dates are written. */
export function chinaDatePlus(days: number, now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

import type { VisitDoc } from '../models/Visit';

/** A visit as clients see it. The location is the manager's own evidence, shown in scope only. */
export function presentVisit(v: VisitDoc) {
  return {
    id: String(v._id),
    householdId: String(v.householdId),
    managerId: String(v.managerId),
    at: v.at.toISOString(),
    location: { lat: v.location?.lat ?? 0, lng: v.location?.lng ?? 0, accuracy: v.location?.accuracy ?? 0 },
    distanceM: v.distanceM ?? null,
    proof: { level: v.proof!.level, reasons: v.proof!.reasons },
    notes: v.notes,
    products: v.products,
    creditNeed: v.creditNeed ? { amount: v.creditNeed.amount ?? 0, purpose: v.creditNeed.purpose ?? '' } : null,
    outcome: v.outcome,
    nextFollowUp: v.nextFollowUp ?? null,
  };
}

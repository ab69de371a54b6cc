import type { Visit } from '@sunshine/shared';
import type { VisitDoc } from '../models/Visit';
import type { PhotoUrlSigner } from '../photos/photoUrls';

/**
 * A visit as clients see it. The location is the manager's own evidence, shown in scope
 * only; photo URLs are signed afresh on every response, so they expire with it.
 */
export function presentVisit(v: VisitDoc, urls: PhotoUrlSigner): Visit {
  return {
    id: String(v._id),
    householdId: String(v.householdId),
    managerId: String(v.managerId),
    // Visits written before recordedBy existed were made by the then responsible manager.
    recordedBy: String(v.recordedBy ?? v.managerId),
    at: v.at.toISOString(),
    location: { lat: v.location?.lat ?? 0, lng: v.location?.lng ?? 0, accuracy: v.location?.accuracy ?? 0 },
    distanceM: v.distanceM ?? null,
    proof: { level: v.proof!.level, reasons: v.proof!.reasons },
    notes: v.notes,
    products: v.products,
    creditNeed: v.creditNeed ? { amount: v.creditNeed.amount ?? 0, purpose: v.creditNeed.purpose ?? '' } : null,
    outcome: v.outcome,
    nextFollowUp: v.nextFollowUp ?? null,
    photos: (v.photos ?? []).map((p) => ({ id: String(p.photoId), sha256: p.sha256 ?? '', url: urls.sign(String(p.photoId)).url })),
    confirmation: { confirmed: Boolean(v.confirmedAt), confirmedAt: v.confirmedAt ? v.confirmedAt.toISOString() : null },
  };
}

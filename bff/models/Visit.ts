import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { PRODUCTS, PROOF_LEVELS, VISIT_OUTCOMES } from '@sunshine/shared';

/**
 * One visit (走访) to a household. Created once per client id (the _id is derived from the
 * author and the client id, see recordVisit's visitIdFor), never
 * edited by the phone afterwards: a visit is evidence. Scope fields (branchId, managerId)
 * are copied from the household at the time of the visit.
 */
export const visitSchema = new Schema(
  {
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, required: true, index: true },
    branchId: { type: String, required: true, index: true },
    villageCode: { type: String, required: true },
    at: { type: Date, required: true },
    location: { lat: Number, lng: Number, accuracy: Number },
    distanceM: { type: Number, default: null },
    proof: { level: { type: String, enum: PROOF_LEVELS, required: true }, reasons: { type: [String], default: [] } },
    notes: { type: String, default: '' },
    products: { type: [String], enum: PRODUCTS, default: [] },
    creditNeed: { type: new Schema({ amount: Number, purpose: String }, { _id: false }), default: null },
    outcome: { type: String, enum: VISIT_OUTCOMES, required: true },
    nextFollowUp: { type: String, default: null },
    /** Who made the visit. Never changes: a manager transfer moves managerId (scope) only. */
    recordedBy: { type: Schema.Types.ObjectId, required: true, immutable: true },
    /** Photos attached at check-in (their SHA-256 copied so lists need no second read). */
    photos: { type: [new Schema({ photoId: Schema.Types.ObjectId, sha256: String }, { _id: false })], default: [] },
    /** Hash of the submitted payload: a resend with the same client id must match it (else 422). */
    payloadHash: { type: String, default: null },
    /** Set once by the winning customer confirmation (see VisitConfirmation). */
    confirmedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
visitSchema.index({ managerId: 1, at: -1 });
visitSchema.index({ recordedBy: 1, at: -1 });

export type VisitDoc = InferSchemaType<typeof visitSchema> & { _id: Types.ObjectId; createdAt: Date };

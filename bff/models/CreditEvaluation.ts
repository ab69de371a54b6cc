import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One run of the credit engine for one household member: the exact facts the model saw
 * (`validateFacts` output), the model version and the decision it gave, so it can be replayed
 * and explained later (spec §5). Never edited after it is written.
 *
 * Scope fields (branchId, managerId) are copied from the household at evaluation time, like
 * visits, so scoped reads need no join. `idIndex` is the member's ID blind index (no clear ID).
 */
export const creditEvaluationSchema = new Schema(
  {
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    memberName: { type: String, required: true },
    idIndex: { type: String, required: true },
    idMasked: { type: String, required: true },
    branchId: { type: String, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, required: true, index: true },
    evaluatedBy: { type: String, required: true },
    asOf: { type: String, required: true },
    modelVersion: { type: String, required: true },
    /** The validated ApplicantFacts, exactly as the engine read them. */
    facts: { type: Schema.Types.Mixed, required: true },
    /** The CreditDecision, exactly as the engine returned it. */
    decision: { type: Schema.Types.Mixed, required: true },
    /** Where the V7 checks came from: a fresh call, the cache, or nowhere (V7 down). */
    v7Source: { type: String, enum: ['v7', 'cache', 'unavailable'], required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, minimize: false },
);

export type CreditEvaluationDoc = InferSchemaType<typeof creditEvaluationSchema> & { _id: Types.ObjectId; createdAt: Date };

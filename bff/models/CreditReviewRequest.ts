import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A request for a human review of an automated rejection (PIPL art. 24), one per
 * evaluation (the unique evaluationId decides a double submission). Visible to the branch.
 */
export const creditReviewRequestSchema = new Schema(
  {
    evaluationId: { type: Schema.Types.ObjectId, required: true, unique: true },
    householdId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: String, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['open', 'closed'], required: true },
    reason: { type: String, required: true },
    requestedBy: { type: String, required: true },
  },
  { timestamps: true },
);

export type CreditReviewRequestDoc = InferSchemaType<typeof creditReviewRequestSchema> & { _id: Types.ObjectId; createdAt: Date };

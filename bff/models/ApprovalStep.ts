import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The claim of one approval level of one application: `_id` is `<applicationId>:L<level>`.
 * Inserting it is what decides that level (approve or reject); a second approver of the same
 * level, or a concurrent double tap, gets a duplicate key and a 409. Only inserts are atomic
 * on FerretDB 1.x, so the application's status is applied after, by the winner.
 */
export const approvalStepSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    level: { type: Number, enum: [1, 2], required: true },
    decision: { type: String, enum: ['approve', 'reject'], required: true },
    userId: { type: String, required: true },
    userName: { type: String, required: true },
    comment: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export type ApprovalStepDoc = InferSchemaType<typeof approvalStepSchema>;

import { Schema, type InferSchemaType } from 'mongoose';
import { TRANSFER_STATUSES } from '@sunshine/shared';

/**
 * A leaving manager's hand-over of grid and customers (bff/commands/transferManager.ts).
 * `_id` is the leaving manager's id: inserting it is the claim (a manager leaves once, and two
 * admins clicking at once get one transfer). Steps are idempotent and their progress is
 * recorded here, so a re-run after a crash finishes the job and a re-run after success moves
 * nothing.
 */
export const managerTransferSchema = new Schema(
  {
    _id: { type: String, required: true },
    branchId: { type: String, required: true },
    toManagerId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, required: true },
    requestedBy: { type: String, required: true },
    status: { type: String, enum: TRANSFER_STATUSES, required: true },
    /** The households found with the leaving manager when the claim was made and on each run. */
    householdIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Step name → documents re-assigned by it, summed over runs. */
    moved: { type: Schema.Types.Mixed, default: {} },
    stepsDone: { type: [String], default: [] },
    deactivate: { type: Boolean, default: true },
    deactivated: { type: Boolean, default: false },
    attempts: { type: Number, default: 1 },
    startedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type ManagerTransferDoc = InferSchemaType<typeof managerTransferSchema>;

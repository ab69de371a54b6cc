import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * Who holds a manager's slot: `<managerId>:<slot start ISO>`. Booking inserts it, so of any
 * number of concurrent requests for one slot exactly one succeeds; cancelling or moving the
 * appointment deletes it, which frees the slot.
 */
export const slotClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    appointmentId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true },
);

export type SlotClaimDoc = InferSchemaType<typeof slotClaimSchema> & { _id: string; appointmentId: Types.ObjectId };

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * At most one WeChat reminder per job id: the worker inserts this before sending, so a job
 * retried by BullMQ, or re-enqueued by the sweeper, never reminds the customer twice.
 */
export const reminderDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    appointmentId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['sending', 'sent'], required: true },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type ReminderDeliveryDoc = InferSchemaType<typeof reminderDeliverySchema>;

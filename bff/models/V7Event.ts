import { Schema, type InferSchemaType } from 'mongoose';

/**
 * An event V7 reported by webhook (签约 signing, 用信 drawdown), stored once: keyed by V7's
 * event id, so a redelivery is a duplicate insert (11000) and never a second event.
 * `processedAt` is for whoever applies the event to the household portrait.
 */
export const v7EventSchema = new Schema(
  {
    _id: { type: String, required: true }, // V7 event id
    type: { type: String, required: true, enum: ['precredit.signed', 'precredit.drawdown'] },
    applicationId: { type: String, required: true, index: true },
    v7ApplicationNo: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    /** The event exactly as V7 sent it (already validated). */
    payload: { type: Schema.Types.Mixed, required: true },
    receivedAt: { type: Date, required: true },
    processedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type V7EventDoc = InferSchemaType<typeof v7EventSchema>;

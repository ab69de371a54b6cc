import { Schema, type InferSchemaType } from 'mongoose';

/**
 * What V7 reported back about one approved application (签约 signing, 用信 drawdowns), keyed by
 * the application id so the portrait reads it by `_id`. It is a rollup recomputed from the
 * stored V7Event documents of the application (the events are the truth, inserted once by
 * event id), so applying an event twice, or out of order, writes the same values.
 */
export const creditUsageSchema = new Schema(
  {
    _id: { type: String, required: true }, // application id
    householdId: { type: Schema.Types.ObjectId, required: true },
    contractNo: { type: String, default: null },
    signedLimit: { type: Number, default: null },
    signedAt: { type: Date, default: null },
    /** V7's cumulative drawn amount (yuan, at most two decimals). */
    usedAmount: { type: Number, default: 0 },
    drawdowns: { type: Number, default: 0 },
    /** The events this rollup was computed from. */
    eventIds: { type: [String], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type CreditUsageDoc = InferSchemaType<typeof creditUsageSchema>;

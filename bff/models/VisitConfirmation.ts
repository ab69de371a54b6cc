import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A customer's confirmation of a visit. Keyed by the visit id, so of two customers (or two
 * taps) racing, the primary key lets exactly one confirmation in; the winner then raises the
 * visit's proof level. The openid is kept only as a keyed hash: enough to spot one WeChat
 * account confirming many visits, without storing the identifier itself.
 */
export const visitConfirmationSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true }, // visit id
  openidHash: { type: String, required: true },
  confirmedAt: { type: Date, required: true },
  managerId: { type: Schema.Types.ObjectId, required: true },
});

export type VisitConfirmationDoc = InferSchemaType<typeof visitConfirmationSchema>;

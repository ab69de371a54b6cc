import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * The one customer a share card belongs to: inserted, keyed by the card id, by the first
 * customer who signs in through it. Two customers racing on a new card both try the insert;
 * the duplicate key decides, and the loser is told the card is someone else's.
 */
export const shareCardClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
  },
  { timestamps: true },
);

export type ShareCardClaimDoc = InferSchemaType<typeof shareCardClaimSchema> & { customerId: Types.ObjectId };

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * How a customer signs in, keyed by the identity itself: `wx:<openid>` or
 * `phone:<blind index>`. Keying by _id makes the first sign-in race-free on FerretDB (only
 * unique inserts decide races) and every later sign-in a primary-key lookup.
 */
export const customerIdentitySchema = new Schema(
  {
    _id: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
  },
  { timestamps: true },
);

export type CustomerIdentityDoc = InferSchemaType<typeof customerIdentitySchema>;

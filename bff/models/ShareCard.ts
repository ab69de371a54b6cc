import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A manager's share card (分享名片). The code in the shared path is 32 random bytes; only its
 * SHA-256 is stored, as the _id, so a database reader cannot rebuild a working link and a
 * lookup is by primary key. Expiry is checked on use (FerretDB has no TTL indexes).
 */
export const shareCardSchema = new Schema(
  {
    _id: { type: String, required: true },
    managerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    branchId: { type: String, default: null },
    householdId: { type: Schema.Types.ObjectId, default: null },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);

export type ShareCardDoc = InferSchemaType<typeof shareCardSchema> & { _id: string; createdAt: Date };

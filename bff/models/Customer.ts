import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * A bank customer who signed in through a manager's share card. Not a staff User: customers
 * have no password, no role choice and no data scope. They are found by their sign-in
 * identity (CustomerIdentity: openid or phone blind index), never by a scan of this collection.
 *
 * The phone is C2 data: ciphertext, blind index and mask only.
 */
export const customerSchema = new Schema(
  {
    openid: { type: String, default: null },
    phoneCipher: { type: String, default: null },
    phoneIndex: { type: String, default: null },
    phoneMasked: { type: String, default: null },
    /** The manager whose card the customer came through last; the one they book with. */
    managerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    branchId: { type: String, default: null },
    shareCardId: { type: String, required: true },
    householdId: { type: Schema.Types.ObjectId, default: null },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);

export type CustomerDoc = InferSchemaType<typeof customerSchema> & { _id: Types.ObjectId };

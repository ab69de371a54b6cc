import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '@sunshine/shared';

/**
 * A staff account. Lockout state lives on the document (not only in Redis) so that a
 * restart or a Redis flush cannot reset a brute-force counter; it is updated with single
 * atomic findOneAndUpdate calls because the database has no transactions.
 */
export const userSchema = new Schema(
  {
    username: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    branchId: { type: String, default: null },
    name: { type: String, required: true },
    employeeNo: { type: String },
    active: { type: Boolean, default: true },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

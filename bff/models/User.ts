import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '@sunshine/shared';

/**
 * A staff account. Lockout state is durable (in the database, not only in Redis) so a
 * restart or a Redis flush cannot reset it: failures are LoginFailure rows counted since
 * `failuresSince`; `lockedUntil` is set when they reach the limit.
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
    failuresSince: { type: Date, default: () => new Date(0) },
    lockedUntil: { type: Date, default: null },
    lastLoginAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

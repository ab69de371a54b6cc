import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { APPOINTMENT_STATUSES, PRODUCTS } from '@sunshine/shared';

/**
 * A customer's appointment with a manager for one 30-minute slot. Carries `managerId` and
 * `branchId` so the staff data scope (policies/scope.ts) applies to it as to households.
 *
 * Who holds a slot is decided by SlotClaim inserts, and each change claims an
 * AppointmentRevision for version n+1 first: this document is only written by the winner.
 * The reminder fields are the source of truth for the delayed job (the sweeper rebuilds
 * missing jobs from them); delivery is recorded in ReminderDelivery, not here, so the worker
 * never writes this document (a concurrent reschedule would be lost to last-writer-wins).
 */
export const appointmentSchema = new Schema(
  {
    managerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    branchId: { type: String, required: true },
    customerId: { type: Schema.Types.ObjectId, ref: 'Customer', required: true },
    householdId: { type: Schema.Types.ObjectId, default: null },
    slotStart: { type: Date, required: true },
    slotEnd: { type: Date, required: true },
    /** The slot's calendar day in China Standard Time, for "today's appointments". */
    day: { type: String, required: true },
    status: { type: String, enum: APPOINTMENT_STATUSES, required: true },
    productId: { type: String, enum: PRODUCTS, required: true },
    note: { type: String, default: '' },
    contactName: { type: String, default: '' },
    customerPhoneMasked: { type: String, default: null },
    version: { type: Number, required: true },
    reminder: {
      subscribed: { type: Boolean, default: false },
      /** When the reminder is due; null when none should go out. */
      dueAt: { type: Date, default: null },
      /** The delayed job's id (appointment id + version); its ReminderDelivery row says if it went out. */
      jobId: { type: String, default: null },
    },
  },
  { timestamps: true },
);

export type AppointmentDoc = InferSchemaType<typeof appointmentSchema> & {
  _id: Types.ObjectId;
  managerId: Types.ObjectId;
  customerId: Types.ObjectId;
};

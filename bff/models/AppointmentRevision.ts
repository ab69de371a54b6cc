import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The lock and history of an appointment's changes, `<appointmentId>:<version>`: a confirm,
 * reschedule or cancel first inserts the revision for version n+1, and only the one writer
 * whose insert succeeds applies it (FerretDB 1.x updates are last-writer-wins).
 */
export const appointmentRevisionSchema = new Schema({
  _id: { type: String, required: true },
  appointmentId: { type: Schema.Types.ObjectId, required: true },
  version: { type: Number, required: true },
  action: { type: String, enum: ['book', 'confirm', 'reschedule', 'cancel'], required: true },
  by: { type: String, required: true },
  fields: { type: Schema.Types.Mixed, default: {} },
  at: { type: Date, required: true },
});

export type AppointmentRevisionDoc = InferSchemaType<typeof appointmentRevisionSchema>;

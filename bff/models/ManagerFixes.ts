import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A manager's most recent visit fixes, ordered by time, keyed by the manager id so the visit
 * command reads it by _id instead of scanning visits for the previous fix (the teleport
 * check). Written only by that manager's own visits, so last-writer-wins is acceptable.
 */
export const MAX_RECENT_FIXES = 20;

export const managerFixesSchema = new Schema({
  _id: { type: String, required: true }, // manager (recordedBy) id
  fixes: {
    type: [new Schema({ at: Date, lat: Number, lng: Number, accuracy: Number, visitId: Schema.Types.ObjectId }, { _id: false })],
    default: [],
  },
});

export type ManagerFixesDoc = InferSchemaType<typeof managerFixesSchema>;

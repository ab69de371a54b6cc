import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A manager's weekly availability (China Standard Time) and the work phone shown on their
 * card. Keyed by the manager's id: one document, one writer (the manager), read by _id.
 */
const windowSchema = new Schema(
  {
    weekday: { type: Number, required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
  },
  { _id: false },
);

export const managerAvailabilitySchema = new Schema(
  {
    _id: { type: String, required: true },
    branchId: { type: String, default: null },
    windows: { type: [windowSchema], default: [] },
    workPhoneCipher: { type: String, default: null },
    workPhoneMasked: { type: String, default: null },
  },
  { timestamps: true },
);

export type ManagerAvailabilityDoc = InferSchemaType<typeof managerAvailabilitySchema>;

import { Schema, type InferSchemaType } from 'mongoose';

/** A branch (支行/分理处). Its _id is the bank's two-digit branch code, e.g. "01". */
export const branchSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    townCode: { type: String, required: true },
    address: { type: String, required: true },
    location: { lat: Number, lng: Number },
  },
  { timestamps: true },
);

export type BranchDoc = InferSchemaType<typeof branchSchema>;

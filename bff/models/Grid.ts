import { Schema, type InferSchemaType } from 'mongoose';

/** 网格 (责任田): which manager of which branch is responsible for a village. */
export const gridSchema = new Schema(
  {
    _id: { type: String, required: true }, // village code
    branchId: { type: String, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
  },
  { timestamps: true },
);

export type GridDoc = InferSchemaType<typeof gridSchema>;

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * "This person has an application in approval": `_id` is the applicant's ID blind index.
 * Inserted before the application, deleted when the application is finally decided. It
 * stands in for a partial unique index (`idIndex` unique while pending), which FerretDB 1.24
 * does not have.
 */
export const pendingApplicationClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type PendingApplicationClaimDoc = InferSchemaType<typeof pendingApplicationClaimSchema>;

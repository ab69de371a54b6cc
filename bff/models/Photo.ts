import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { PHOTO_CONTENT_TYPES } from '@sunshine/shared';

/**
 * A visit photo taken in the app. The bytes live in the document (≤ 5 MB, well under the
 * 16 MB document limit and FerretDB's practical 8 MB), so there is no second store to keep
 * in step; every read that does not serve the image excludes `data`. Created once per client
 * id (ClientSubmission `photo:<clientId>`), never changed: a photo is evidence.
 */
export const photoSchema = new Schema(
  {
    householdId: { type: Schema.Types.ObjectId, required: true },
    /** The manager who took it; only they may attach it to a visit. */
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    /** Scope fields copied from the household, like Visit. */
    managerId: { type: Schema.Types.ObjectId, required: true },
    branchId: { type: String, required: true },
    sha256: { type: String, required: true },
    size: { type: Number, required: true },
    contentType: { type: String, enum: PHOTO_CONTENT_TYPES, required: true },
    takenAt: { type: Date, required: true },
    data: { type: Buffer, required: true },
  },
  { timestamps: true },
);

export type PhotoDoc = InferSchemaType<typeof photoSchema> & { _id: Types.ObjectId; createdAt: Date };
export type PhotoMeta = Omit<PhotoDoc, 'data'>;
/** Projection for every read that does not serve the bytes. */
export const PHOTO_META = { data: 0 } as const;

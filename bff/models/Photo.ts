import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { PHOTO_CONTENT_TYPES } from '@sunshine/shared';

/**
 * A visit photo taken in the app: metadata here, the bytes in PhotoData under the same _id.
 * Two collections because FerretDB 1.24 scans a collection for every lookup, `_id`
 * included, reading each document whole: the visit command's photo check must not read
 * megabytes of image data. Created once per client id (ClientSubmission
 * `photo:<clientId>`), never changed: a photo is evidence. The bytes are written first, so
 * a metadata document always has its bytes.
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
  },
  { timestamps: true },
);

/** The image bytes (≤ 5 MB, under FerretDB's practical 8 MB document size). */
export const photoDataSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true }, // the photo id
  data: { type: Buffer, required: true },
});

export type PhotoMeta = InferSchemaType<typeof photoSchema> & { _id: Types.ObjectId; createdAt: Date };
export type PhotoDataDoc = InferSchemaType<typeof photoDataSchema>;

import { upload } from './request';

/**
 * Visit photos: each is uploaded on its own before the visit that lists its id
 * (`POST /api/v1/photos`, multipart). Idempotent on `clientId`, so a resend after a lost
 * answer returns the photo stored the first time instead of a second copy.
 */
export interface UploadPhotoInput {
  clientId: string;
  householdId: string;
  /** ISO datetime of the shot. */
  takenAt: string;
  /** weapp: temp or saved file path; H5: a `blob:` URL. */
  filePath: string;
}

export interface UploadedPhoto {
  id: string;
  householdId: string;
  sha256: string;
  size: number;
  contentType: string;
  takenAt: string;
  url: string;
  urlExpiresAt: string;
}

/** Multipart field of the image bytes (PHOTO_FILE_FIELD of the shared photo schema). */
const FILE_FIELD = 'file';

export function uploadPhoto(input: UploadPhotoInput): Promise<UploadedPhoto> {
  return upload<UploadedPhoto>({
    path: '/photos',
    filePath: input.filePath,
    name: FILE_FIELD,
    formData: { clientId: input.clientId, householdId: input.householdId, takenAt: input.takenAt },
    fileName: `${input.clientId}.jpg`,
  });
}

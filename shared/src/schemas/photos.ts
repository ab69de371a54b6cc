import { z } from 'zod';
import { objectIdSchema } from './common';

/**
 * Visit photos (走访照片). The phone uploads each photo first with
 * `POST /api/v1/photos` (multipart/form-data: the fields below plus the file field `file`),
 * then lists the returned ids in the visit's `photoIds`. Idempotent on clientId.
 */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];
/** The multipart field that carries the image bytes. */
export const PHOTO_FILE_FIELD = 'file';

/** The text fields of the multipart upload; the same schema checks them on both sides. */
export const uploadPhotoFieldsSchema = z
  .object({
    clientId: z.uuid({ error: '缺少客户端编号' }),
    householdId: objectIdSchema,
    takenAt: z.iso.datetime({ offset: true, error: '无效的拍摄时间' }),
  })
  .meta({ id: 'UploadPhotoFields' });
export type UploadPhotoFields = z.infer<typeof uploadPhotoFieldsSchema>;

export const photoSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    sha256: z.string().meta({ description: 'hex SHA-256 of the stored bytes, computed by the server' }),
    size: z.number().int(),
    contentType: z.enum(PHOTO_CONTENT_TYPES),
    takenAt: z.string(),
    url: z
      .string()
      .meta({
        description: 'signed, expiring path of the image (prefix the API host in the weapp); usable as <Image src> without a token',
      }),
    urlExpiresAt: z.string(),
  })
  .meta({ id: 'Photo' });
export type Photo = z.infer<typeof photoSchema>;

/** A photo as embedded in a visit response. */
export const visitPhotoSchema = z.object({ id: z.string(), sha256: z.string(), url: z.string() });
export type VisitPhoto = z.infer<typeof visitPhotoSchema>;

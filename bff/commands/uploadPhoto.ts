import { createHash } from 'node:crypto';
import { ERROR_IDS, PHOTO_FILE_FIELD, type UploadPhotoFields } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { PhotoMeta } from '../models/Photo';
import { householdInScope, loadHouseholdFacts } from '../visits/householdVisitState';
import { AppError, NotFoundError, ValidationError } from '../src/errors';
import { sniffImageType } from '../photos/imageType';
import { claimSubmission, payloadHash } from './householdFileFields';

/**
 * Stores a visit photo exactly once per client id. The SHA-256 is computed here from the
 * bytes received, so the fingerprint a visit carries is the server's, not the phone's claim.
 * A resend of the same photo returns the first one; the same client id with other bytes is
 * a 422.
 */
export async function uploadPhoto(
  services: Pick<Services, 'models' | 'redis' | 'config'>,
  user: AuthUser,
  scope: DataScope,
  fields: UploadPhotoFields,
  bytes: Buffer,
): Promise<{ photo: PhotoMeta; created: boolean }> {
  const { models } = services;
  const contentType = sniffImageType(bytes);
  if (!contentType) throw new ValidationError('file: 只能上传 JPEG 或 PNG 照片', [PHOTO_FILE_FIELD]);
  const household = await loadHouseholdFacts(services, fields.householdId, user.id);
  if (!household || !householdInScope(household, scope)) throw new NotFoundError('未找到该户');
  if (household.managerId !== user.id) throw new AppError(403, ERROR_IDS.forbidden, '只有责任客户经理可以上传走访照片');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const takenAt = new Date(fields.takenAt);
  const claim = await claimSubmission(
    models,
    `photo:${fields.clientId}`,
    'photo',
    payloadHash({ householdId: fields.householdId, takenAt: takenAt.toISOString(), sha256 }),
    user.id,
  );
  const existing = await models.Photo.findById(claim.resultId).lean<PhotoMeta>();
  if (existing) return { photo: existing, created: false };
  try {
    // Bytes first: a metadata document, once visible, always has its bytes. A retry after a
    // crash between the two finds the bytes there (11000) and goes on to the metadata.
    await models.PhotoData.create({ _id: claim.resultId, data: bytes }).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
    await models.Photo.create({
      _id: claim.resultId,
      householdId: household.id,
      uploadedBy: user.id,
      managerId: household.managerId,
      branchId: household.branchId,
      sha256,
      size: bytes.length,
      contentType,
      takenAt,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return { photo: (await models.Photo.findById(claim.resultId).lean<PhotoMeta>())!, created: false };
  }
  return { photo: (await models.Photo.findById(claim.resultId).lean<PhotoMeta>())!, created: true };
}

import type { CreateVisit } from '@sunshine/shared';
import { ApiError } from '../../../../services/request';
import { uploadPhoto } from '../../../../services/photos';
import { createVisit } from '../../../../services/visits';
import { SecureStoreUnavailableError, outbox, type SubmitOutcome } from '../../../../stores/outbox';
import type { CapturedPhoto } from '../../components/PhotoCapture';

/**
 * Records a visit through the outbox: the visit and its photos are kept (encrypted) first,
 * then the photos are uploaded, each under its own client id, and the visit sent with their
 * ids. Where nothing can be kept encrypted, it is sent directly.
 */
export async function saveVisit(visit: CreateVisit, photos: CapturedPhoto[], title: string): Promise<SubmitOutcome> {
  const { photoIds: _ignored, ...body } = visit;
  try {
    return await outbox.submit({
      clientId: visit.clientId,
      kind: 'visit',
      title,
      body: body as unknown as Record<string, unknown>,
      householdId: visit.householdId,
      photos: photos.map((p) => ({ clientId: p.clientId, takenAt: p.takenAt, tempPath: p.tempPath })),
    });
  } catch (err) {
    if (!(err instanceof SecureStoreUnavailableError)) throw err;
  }
  try {
    const photoIds: string[] = [];
    for (const p of photos) {
      photoIds.push(
        (await uploadPhoto({ clientId: p.clientId, householdId: visit.householdId, takenAt: p.takenAt, filePath: p.tempPath })).id,
      );
    }
    return { status: 'sent', result: await createVisit({ ...visit, photoIds }) };
  } catch (err) {
    if (err instanceof ApiError) {
      const suffix = err.retryable ? '(本浏览器不支持加密离线保存,请联网后重试)' : '';
      return { status: 'rejected', error: { status: err.status, id: err.id, message: err.userMessage + suffix, field: err.field } };
    }
    throw err;
  }
}

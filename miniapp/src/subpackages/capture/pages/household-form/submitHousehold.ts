import { ApiError } from '../../../../services/request';
import { createHousehold, updateHousehold, type HouseholdDetail } from '../../../../services/householdFiles';
import { SecureStoreUnavailableError, outbox, type OutboxError, type SubmitOutcome } from '../../../../stores/outbox';
import type { HouseholdFile } from '@sunshine/shared';

/**
 * Saves a validated file through the outbox (kept encrypted first, then sent). Where this
 * device cannot encrypt (an H5 browser without WebCrypto), it is sent directly and nothing is
 * kept: a failure then stays on the form, with the draft.
 */
export type SaveTarget =
  | { kind: 'create'; clientId: string; body: HouseholdFile & { clientId: string } }
  | { kind: 'update'; clientId: string; householdId: string; body: HouseholdFile & { version: number; clientId: string } };

function asOutboxError(err: unknown): OutboxError {
  if (err instanceof ApiError) return { status: err.status, id: err.id, message: err.userMessage, field: err.field, details: err.details };
  return { status: 0, id: 'client.local', message: '保存失败,请稍后再试' };
}

export async function saveHousehold(target: SaveTarget, title: string): Promise<SubmitOutcome & { offlineUnavailable?: boolean }> {
  try {
    return await outbox.submit({
      clientId: target.clientId,
      kind: target.kind === 'create' ? 'household.create' : 'household.update',
      title,
      body: target.body as unknown as Record<string, unknown>,
      householdId: target.kind === 'update' ? target.householdId : undefined,
    });
  } catch (err) {
    if (!(err instanceof SecureStoreUnavailableError)) throw err;
  }
  try {
    const result: HouseholdDetail =
      target.kind === 'create' ? await createHousehold(target.body) : await updateHousehold(target.householdId, target.body);
    return { status: 'sent', result };
  } catch (err) {
    const error = asOutboxError(err);
    if (err instanceof ApiError && err.retryable) {
      return {
        status: 'rejected',
        error: { ...error, message: `${error.message}(本浏览器不支持加密离线保存,请联网后重试)` },
        offlineUnavailable: true,
      };
    }
    return { status: 'rejected', error };
  }
}

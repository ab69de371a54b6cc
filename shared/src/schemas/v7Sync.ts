import { z } from 'zod';
import { objectIdSchema, pageOf } from './common';
import { SYNC_STATES } from './credit';

/**
 * Head office's dead-letter view of the V7 sync (同步失败的预授信), and its retry.
 * `sync` mirrors the outbox kept in the application document.
 */
export const v7SyncOutboxSchema = z
  .object({
    state: z.enum(SYNC_STATES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    syncedAt: z.string().nullable(),
  })
  .meta({ id: 'V7SyncOutbox' });

export const v7SyncItemSchema = z
  .object({
    applicationId: z.string(),
    householdId: z.string(),
    householdNo: z.string(),
    memberName: z.string().meta({ description: 'masked' }),
    branchId: z.string(),
    limit: z.number(),
    decidedAt: z.string().nullable(),
    sync: v7SyncOutboxSchema,
  })
  .meta({ id: 'V7SyncItem' });
export type V7SyncItem = z.infer<typeof v7SyncItemSchema>;

export const v7SyncFailedListSchema = pageOf(v7SyncItemSchema).meta({ id: 'V7SyncFailedList' });

export const v7SyncRetryParamsSchema = z.object({ applicationId: objectIdSchema });

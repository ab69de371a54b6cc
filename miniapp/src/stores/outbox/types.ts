/** What the outbox keeps: captures not yet accepted by the BFF, in capture order. */
export type OutboxKind = 'household.create' | 'household.update' | 'visit';

/** A photo of a queued visit: its bytes kept by the file vault until the upload succeeds. */
export interface OutboxPhoto {
  /** Idempotency key of this photo's upload, fixed at capture. */
  clientId: string;
  takenAt: string;
  /** Where the vault keeps the bytes (weapp: saved file path; H5: vault key). */
  fileRef: string;
  /** Set once uploaded, so a replay after a crash skips it. */
  photoId?: string;
}

export interface OutboxError {
  status: number;
  id: string;
  /** Chinese, ready to show. */
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

export interface OutboxEntry {
  /** Client-generated UUID: the capture's identity, here and on the server. */
  clientId: string;
  kind: OutboxKind;
  /** What the outbox page shows, e.g. 新建档案 · 黄桥镇新街村. Never an ID number. */
  title: string;
  /** ISO datetime of the capture. */
  createdAt: string;
  /** The request body, validated with the shared schema at capture. */
  body: Record<string, unknown>;
  /** The household edited or visited (update, visit). */
  householdId?: string;
  photos: OutboxPhoto[];
  /** `failed`: the BFF refused the content (400/403/404/409/422); resending would not help. */
  state: 'pending' | 'failed';
  attempts: number;
  /** Epoch ms before which a pending entry is not retried automatically. */
  nextAttemptAt: number;
  lastError?: OutboxError;
}

export type NewOutboxEntry = Pick<OutboxEntry, 'clientId' | 'kind' | 'title' | 'body' | 'householdId'> & {
  photos?: Array<Omit<OutboxPhoto, 'fileRef' | 'photoId'> & { tempPath: string }>;
};

/** How an interactive submit ended. */
export type SubmitOutcome =
  { status: 'sent'; result: unknown } | { status: 'queued'; error: OutboxError } | { status: 'rejected'; error: OutboxError };

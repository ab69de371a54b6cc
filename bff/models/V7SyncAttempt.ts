import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The claim of one delivery attempt of one approved application to V7: `_id` is
 * `<applicationId>#<attempt>`. Inserting it decides which worker makes that attempt (only
 * inserts are atomic on FerretDB 1.x): a sweeper re-enqueue, a BullMQ stall retry or a second
 * BFF process that races for the same attempt gets a duplicate key and stands back.
 *
 * `leaseUntil` bounds an attempt in flight: a claim still unfinished after it was left by a
 * crashed process (SIGKILL mid-sync), and the next worker counts it as an interrupted attempt
 * and makes the next one. Finished claims are the attempt log of the application.
 */
export const v7SyncAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: String, required: true },
    attempt: { type: Number, required: true },
    startedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    outcome: { type: String, enum: ['synced', 'unavailable', 'rejected', 'interrupted', 'skipped', null], default: null },
    error: { type: String, default: null },
  },
  { versionKey: false },
);

export type V7SyncAttemptDoc = InferSchemaType<typeof v7SyncAttemptSchema>;

export const syncAttemptId = (applicationId: string, attempt: number) => `${applicationId}#${attempt}`;

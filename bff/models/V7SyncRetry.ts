import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Head office's latest manual retry of a dead-lettered V7 sync, keyed by application id.
 * A retry gives the application a fresh budget of attempts: the worker counts attempts from
 * `attemptsAtRetry`. Written only by the retry command (rare, head office), so a plain upsert.
 */
export const v7SyncRetrySchema = new Schema(
  {
    _id: { type: String, required: true }, // application id
    attemptsAtRetry: { type: Number, required: true },
    retries: { type: Number, required: true },
    lastRetryBy: { type: String, required: true },
    lastRetryAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type V7SyncRetryDoc = InferSchemaType<typeof v7SyncRetrySchema>;

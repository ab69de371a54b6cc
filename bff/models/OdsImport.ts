import { Schema, type InferSchemaType } from 'mongoose';

/**
 * The import of one business date's ODS batch (`_id` = the date): its status, the SHA-256 of
 * every file (a re-run with the same hashes is a no-op), row counts per file, and the
 * rejected rows with their line numbers (the first 1,000; `rejectedTotal` counts them all).
 */
const fileSchema = new Schema(
  {
    kind: { type: String, required: true },
    file: { type: String, required: true },
    sha256: { type: String, required: true },
    bytes: { type: Number, required: true },
    rows: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    rejected: { type: Number, default: 0 },
  },
  { _id: false },
);

const rejectSchema = new Schema(
  {
    file: { type: String, required: true },
    line: { type: Number, required: true },
    reason: { type: String, required: true },
    field: { type: String, default: null },
  },
  { _id: false },
);

export const odsImportSchema = new Schema(
  {
    _id: { type: String, required: true }, // the business date, YYYY-MM-DD
    status: { type: String, enum: ['running', 'completed', 'failed'], required: true },
    dir: { type: String, required: true },
    files: { type: [fileSchema], default: [] },
    snapshots: { type: Number, default: 0 },
    rejectedTotal: { type: Number, default: 0 },
    rejects: { type: [rejectSchema], default: [] },
    error: { type: String, default: null },
    attempts: { type: Number, default: 0 },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export type OdsImportDoc = InferSchemaType<typeof odsImportSchema>;

import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Security audit log (等保 2.0): time, user, event, outcome. Append-only: the code never
 * updates or deletes these documents; retention of at least 6 months is a job, not a TTL
 * index (FerretDB 1.x has none).
 */
export const auditEventSchema = new Schema({
  at: { type: Date, required: true, index: true },
  event: { type: String, required: true },
  outcome: { type: String, enum: ['success', 'failure'], required: true },
  userId: { type: String, default: null },
  username: { type: String, default: null },
  ip: { type: String, default: null },
  requestId: { type: String, default: null },
  details: { type: Schema.Types.Mixed, default: null },
});

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;

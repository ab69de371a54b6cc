import type { Models } from '../models';

export interface AuditMeta {
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry extends AuditMeta {
  event: string;
  outcome: 'success' | 'failure';
  userId?: string | null;
  username?: string | null;
  details?: Record<string, unknown> | null;
}

/** Appends one security audit event. Never pass personal data or secrets in `details`. */
export async function recordAudit(models: Pick<Models, 'AuditEvent'>, entry: AuditEntry): Promise<void> {
  await models.AuditEvent.create({
    at: new Date(),
    event: entry.event,
    outcome: entry.outcome,
    userId: entry.userId ?? null,
    username: entry.username ?? null,
    ip: entry.ip,
    requestId: entry.requestId,
    details: entry.details ?? null,
  });
}

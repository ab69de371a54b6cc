import type { ManagerTransfer } from '@sunshine/shared';
import type { ManagerTransferDoc } from '../models/ManagerTransfer';

/** A manager transfer as clients see it (the household id list stays internal). */
export function presentManagerTransfer(t: ManagerTransferDoc): ManagerTransfer {
  return {
    id: String(t._id),
    fromManagerId: String(t._id),
    toManagerId: String(t.toManagerId),
    branchId: t.branchId,
    status: t.status as ManagerTransfer['status'],
    reason: t.reason,
    moved: (t.moved as Record<string, number> | null) ?? {},
    stepsDone: t.stepsDone,
    deactivated: t.deactivated,
    attempts: t.attempts,
    startedAt: t.startedAt.toISOString(),
    completedAt: t.completedAt ? t.completedAt.toISOString() : null,
  };
}

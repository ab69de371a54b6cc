import type { Types } from 'mongoose';
import type { V7WebhookEvent } from '@sunshine/shared';
import type { FunnelMarkDraft } from './funnelMarkDocs';

/**
 * Which business record makes which funnel mark, with what time, attribution and money. The
 * live hooks (funnelHooks.ts) and the backfill (funnelBackfill.ts) both build their marks
 * here, so a backfill over the same records gives exactly the marks the hooks wrote.
 *
 * Stage definitions (the report counts households that FIRST reached a stage in the period):
 * - visited: a recorded visit (any proof level), at the visit's fix time, attributed as the
 *   visit itself was (its branch, village and the household's manager then);
 * - filed: the household document's creation (filed in the app, or loaded from the bank's
 *   book), at its createdAt;
 * - evaluated: a credit evaluation whose decision is pass, review or reject, at its creation;
 *   `incomplete` (V7 unavailable) is no evaluation result and does not count;
 * - approved: an application's final approval, at decidedAt, with its limit;
 * - synced: V7's acknowledgement of an approved application, at syncedAt;
 * - signed: V7's signing event, at signedAt, with the signed limit;
 * - used: V7's first drawdown event, at drawnAt; every drawdown also makes a `drawdown` mark
 *   carrying its amount (money drawn in a period, first drawdown or not).
 * Applications carry the branch and manager they were submitted under; the village comes
 * from the household.
 */

type Id = Types.ObjectId | string;

export function filedDraft(h: { _id: Id; createdAt?: Date | null; branchId: string; villageCode: string; managerId: Id }): FunnelMarkDraft {
  return {
    kind: 'filed',
    householdId: h._id,
    at: h.createdAt ?? new Date(),
    branchId: h.branchId,
    villageCode: h.villageCode,
    managerId: h.managerId,
    source: `household:${String(h._id)}`,
  };
}

export function visitedDraft(v: {
  _id: Id;
  householdId: Id;
  at: Date;
  branchId: string;
  villageCode: string;
  managerId: Id;
}): FunnelMarkDraft {
  return {
    kind: 'visited',
    householdId: v.householdId,
    at: v.at,
    branchId: v.branchId,
    villageCode: v.villageCode,
    managerId: v.managerId,
    source: `visit:${String(v._id)}`,
  };
}

/** Null for an `incomplete` evaluation: the model could not decide, so nothing was evaluated. */
export function evaluatedDraft(
  e: { _id: Id; householdId: Id; createdAt?: Date | null; branchId: string; managerId: Id; decision: unknown },
  villageCode?: string | null,
): FunnelMarkDraft | null {
  const outcome = (e.decision as { decision?: string } | null)?.decision;
  if (outcome !== 'pass' && outcome !== 'review' && outcome !== 'reject') return null;
  return {
    kind: 'evaluated',
    householdId: e.householdId,
    at: e.createdAt ?? new Date(),
    branchId: e.branchId,
    villageCode,
    managerId: e.managerId,
    source: `evaluation:${String(e._id)}`,
  };
}

export interface ApplicationFacts {
  _id: Id;
  householdId: Id;
  branchId: string;
  managerId: Id;
  status: string;
  limit: number;
  decidedAt?: Date | null;
  sync?: { state?: string | null; syncedAt?: Date | null } | null;
}

const fromApplication = (a: ApplicationFacts, villageCode?: string | null) => ({
  householdId: a.householdId,
  branchId: a.branchId,
  villageCode,
  managerId: a.managerId,
  source: `application:${String(a._id)}`,
});

/** The approved and synced marks an application has earned so far. */
export function applicationDrafts(a: ApplicationFacts, villageCode?: string | null): FunnelMarkDraft[] {
  if (a.status !== 'approved' || !a.decidedAt) return [];
  const out: FunnelMarkDraft[] = [{ kind: 'approved', at: a.decidedAt, amount: a.limit, ...fromApplication(a, villageCode) }];
  if (a.sync?.state === 'synced' && a.sync.syncedAt)
    out.push({ kind: 'synced', at: a.sync.syncedAt, amount: a.limit, ...fromApplication(a, villageCode) });
  return out;
}

/** Signed, used and drawdown marks from an application's stored V7 events (payloads as V7 sent them). */
export function v7EventDrafts(
  a: ApplicationFacts,
  events: Array<{ _id: string; payload: unknown }>,
  villageCode?: string | null,
): FunnelMarkDraft[] {
  const out: FunnelMarkDraft[] = [];
  let signed: FunnelMarkDraft | null = null;
  let used: FunnelMarkDraft | null = null;
  for (const e of events) {
    const ev = e.payload as V7WebhookEvent;
    const base = { ...fromApplication(a, villageCode), source: `v7event:${e._id}` };
    if (ev.type === 'precredit.signed') {
      const at = new Date(ev.data.signedAt);
      if (!signed || at < signed.at) signed = { kind: 'signed', at, amount: ev.data.signedLimit, ...base };
    } else if (ev.type === 'precredit.drawdown') {
      const at = new Date(ev.data.drawnAt);
      if (!used || at < used.at) used = { kind: 'used', at, ...base };
      out.push({ kind: 'drawdown', at, amount: ev.data.amount, subject: `${String(a._id)}:${ev.data.drawdownId}`, ...base });
    }
  }
  return [...(signed ? [signed] : []), ...(used ? [used] : []), ...out];
}

import { Types } from 'mongoose';
import type { Models } from '../models';
import { funnelMarkDoc, type FunnelMarkDraft } from '../funnel/funnelMarkDocs';

/**
 * Funnel test data: a draft as a hook would build it, and a mark inserted as the hook would
 * insert it (pending until a flush). Times are China-time strings, so the day is obvious.
 */
export function buildFunnelDraft(overrides: Partial<FunnelMarkDraft> & { chinaTime?: string } = {}): FunnelMarkDraft {
  const { chinaTime, ...rest } = overrides;
  return {
    kind: 'visited',
    householdId: new Types.ObjectId(),
    at: new Date(chinaTime ?? '2026-11-20T10:00:00+08:00'),
    branchId: '01',
    villageCode: '321283100001',
    managerId: new Types.ObjectId(),
    source: 'test',
    ...rest,
  };
}

export async function buildFunnelMark(
  models: Models,
  overrides: Partial<FunnelMarkDraft> & { chinaTime?: string; rolledUp?: boolean } = {},
) {
  const { rolledUp, ...rest } = overrides;
  const d = buildFunnelDraft(rest);
  const doc = funnelMarkDoc(
    d,
    { branchId: d.branchId!, villageCode: d.villageCode!, managerId: String(d.managerId) },
    { rolledUp: rolledUp ?? false, now: new Date() },
  );
  await models.FunnelMark.create(doc);
  return doc;
}

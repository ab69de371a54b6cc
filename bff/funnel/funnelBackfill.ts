import type { Models } from '../models';
import type { FunnelMarkDoc } from '../models/FunnelMark';
import { funnelMarkDoc, funnelMarkId, isAttributed, type FunnelMarkDraft } from './funnelMarkDocs';
import { applicationDrafts, evaluatedDraft, filedDraft, v7EventDrafts, visitedDraft, type ApplicationFacts } from './funnelSources';
import { rebuildFunnelRollups, type FunnelRollupDeps } from './funnelRollup';

/**
 * Derives every funnel mark from the business collections (households, visits, credit
 * evaluations, applications with their V7 sync state, V7 events), the way the live hooks
 * would have written them, then rebuilds the rollups. For a database that predates the funnel,
 * and to repair marks a hook failed to write.
 *
 * Per household and stage the EARLIEST source event wins. A mark that exists but is later
 * than the sources say (a visit made offline and synced after a later one was marked, or a
 * mark written by a hook after the funnel was deployed on an older database) is moved to the
 * earlier event; the rebuild at the end recounts every rollup, so no moved mark is counted
 * twice. Each collection is read once (FerretDB streams whole documents, so the households
 * pass is the long one: it is a one-off).
 */
export interface BackfillResult {
  derived: number;
  inserted: number;
  moved: number;
  unattributed: number;
  rollups: number;
}

const INSERT_BATCH = 1_000;

export async function backfillFunnel(deps: FunnelRollupDeps, now = new Date()): Promise<BackfillResult> {
  const drafts = await deriveFunnelDrafts(deps.models);
  const existing = new Map<string, Date>();
  for await (const m of deps.models.FunnelMark.find({}, { at: 1 })
    .lean<Array<Pick<FunnelMarkDoc, '_id' | 'at'>>>()
    .cursor({ batchSize: 1000 })) {
    existing.set(m._id, m.at);
  }
  let unattributed = 0;
  let moved = 0;
  const fresh: ReturnType<typeof funnelMarkDoc>[] = [];
  for (const d of drafts.values()) {
    if (!isAttributed(d)) {
      unattributed += 1;
      continue;
    }
    // Inserted as counted: the rebuild below counts them.
    const doc = funnelMarkDoc(d, d, { rolledUp: true, now });
    const at = existing.get(doc._id);
    if (!at) fresh.push(doc);
    else if (d.at < at) {
      const { _id, ...fields } = doc;
      await deps.models.FunnelMark.updateOne({ _id }, { $set: fields });
      moved += 1;
    }
  }
  let inserted = 0;
  for (let i = 0; i < fresh.length; i += INSERT_BATCH)
    inserted += await insertIgnoringDuplicates(deps.models, fresh.slice(i, i + INSERT_BATCH));
  const { rollups } = await rebuildFunnelRollups(deps, now);
  return { derived: drafts.size, inserted, moved, unattributed, rollups };
}

/** The earliest draft per mark id, over every source collection. */
export async function deriveFunnelDrafts(models: Models): Promise<Map<string, FunnelMarkDraft>> {
  const out = new Map<string, FunnelMarkDraft>();
  const keep = (d: FunnelMarkDraft | null) => {
    if (!d) return;
    const id = funnelMarkId(d);
    const prior = out.get(id);
    if (!prior || d.at < prior.at) out.set(id, d);
  };
  const village = new Map<string, string>();

  const households = models.Household.find({}, { branchId: 1, villageCode: 1, managerId: 1, createdAt: 1 })
    .lean()
    .cursor({ batchSize: 1000 });
  for await (const h of households) {
    village.set(String(h._id), h.villageCode);
    keep(filedDraft(h as Parameters<typeof filedDraft>[0]));
  }
  const villageOf = (householdId: unknown) => village.get(String(householdId)) ?? null;

  const visits = models.Visit.find({}, { householdId: 1, at: 1, branchId: 1, villageCode: 1, managerId: 1 })
    .lean()
    .cursor({ batchSize: 1000 });
  for await (const v of visits) keep(visitedDraft(v));

  const evaluations = models.CreditEvaluation.find({}, { householdId: 1, createdAt: 1, branchId: 1, managerId: 1, decision: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  for await (const e of evaluations) keep(evaluatedDraft(e as Parameters<typeof evaluatedDraft>[0], villageOf(e.householdId)));

  const applications = new Map<string, ApplicationFacts>();
  const approved = models.CreditApplication.find(
    { status: 'approved' },
    { householdId: 1, branchId: 1, managerId: 1, status: 1, limit: 1, decidedAt: 1, sync: 1 },
  ).lean<ApplicationFacts[]>();
  for (const a of await approved) {
    applications.set(String(a._id), a);
    for (const d of applicationDrafts(a, villageOf(a.householdId))) keep(d);
  }

  const events = new Map<string, Array<{ _id: string; payload: unknown }>>();
  for await (const e of models.V7Event.find({}, { applicationId: 1, payload: 1 }).lean().cursor({ batchSize: 500 })) {
    events.set(e.applicationId, [...(events.get(e.applicationId) ?? []), { _id: String(e._id), payload: e.payload }]);
  }
  for (const [applicationId, list] of events) {
    const a = applications.get(applicationId);
    // Events for an application this bank does not know (or not approved) make no marks, as in applyV7Events.
    if (a) for (const d of v7EventDrafts(a, list, villageOf(a.householdId))) keep(d);
  }
  return out;
}

async function insertIgnoringDuplicates(models: Models, docs: ReturnType<typeof funnelMarkDoc>[]): Promise<number> {
  try {
    const res = await models.FunnelMark.insertMany(docs, { ordered: false, rawResult: true });
    return res.insertedCount;
  } catch (err) {
    // A hook inserted some of them meanwhile: the first insert wins, as everywhere.
    const e = err as {
      code?: number;
      writeErrors?: Array<{ code?: number; err?: { code?: number } }>;
      insertedDocs?: unknown[];
      result?: { insertedCount?: number };
    };
    const codes = (e.writeErrors ?? []).map((w) => w.code ?? w.err?.code);
    if (e.code !== 11000 && (!codes.length || codes.some((c) => c !== 11000))) throw err;
    return e.result?.insertedCount ?? e.insertedDocs?.length ?? 0;
  }
}

/** True when the database has no marks yet (the start script backfills only then). */
export async function funnelIsEmpty(models: Models): Promise<boolean> {
  return !(await models.FunnelMark.exists({}));
}

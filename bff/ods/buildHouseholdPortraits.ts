import mongoose, { type Types } from 'mongoose';
import type { Models } from '../models';

/**
 * Post-import step: rebuilds the ODS part of every household's portrait (HouseholdPortrait)
 * from the completed ODS dates, in one pass over the households and one over the snapshots.
 *
 * Why a pass and not lookups: FerretDB 1.24 answers every find, even by `_id`, with a scan of
 * the collection (its filter pushdown is jsonb `@>`, which the btree indexes cannot serve), so
 * members × dates snapshot lookups would cost seconds per household. Streaming both
 * collections once and joining by the ID blind index in memory costs one scan each.
 *
 * Idempotent and safe to interrupt: the new build is inserted complete under new `_id`s
 * (`<build>|<householdId>`), and only then are older builds deleted. Running it again gives
 * the same documents under a newer build; an interrupted run leaves the old build readable
 * and its partial documents are deleted by the next run.
 */
export interface BuildPortraitsOptions {
  /** How many of the newest completed business dates the series covers. */
  maxDates?: number;
  batchSize?: number;
  now?: Date;
  onProgress?: (p: { phase: 'households' | 'snapshots' | 'writing'; done: number }) => void;
}

export interface BuildPortraitsResult {
  build: string | null;
  businessDate: string | null;
  dates: string[];
  households: number;
  membersWithOds: number;
  deletedOld: number;
}

type MemberOds = {
  idIndex: string;
  figures: {
    deposit: { demand: number; time: number; total: number; avg1y: number };
    loan: { count: number; balance: number; overdueAmount: number; overdueDays: number };
    wealth: { balance: number };
    ebank: { ebank: boolean; mobile: boolean };
  };
  lists: { blacklist: boolean; graylist: boolean; dibao: boolean };
  warningScore: number | null;
};

const SERIES_FIELDS = 3; // deposits, loans, wealth
const fen = (n: number) => Math.round(n * 100) / 100;

export async function buildHouseholdPortraits(models: Models, opts: BuildPortraitsOptions = {}): Promise<BuildPortraitsResult> {
  const batchSize = opts.batchSize ?? 1000;
  const progress = opts.onProgress ?? (() => undefined);
  const imports = await models.OdsImport.find({ status: 'completed' }).select('_id').lean();
  const dates = imports
    .map((i) => String(i._id))
    .sort()
    .slice(-(opts.maxDates ?? 31));
  const businessDate = dates[dates.length - 1] ?? null;
  if (!businessDate) return { build: null, businessDate: null, dates: [], households: 0, membersWithOds: 0, deletedOld: 0 };
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const now = opts.now ?? new Date();
  const build = `${businessDate}@${String(now.getTime()).padStart(13, '0')}`;

  // 1. Households and who belongs to them (only the blind indexes are read).
  const householdIds: Types.ObjectId[] = [];
  const memberOf = new Map<string, number>();
  for await (const h of models.Household.find({}).select('members.idIndex').lean().cursor()) {
    const n = householdIds.push(h._id as Types.ObjectId) - 1;
    for (const m of (h.members ?? []) as { idIndex: string }[]) memberOf.set(m.idIndex, n);
    if (n % 5000 === 0) progress({ phase: 'households', done: n });
  }

  // 2. One pass over the snapshots: household totals per date, members' newest figures.
  const series = new Float64Array(householdIds.length * dates.length * SERIES_FIELDS);
  const latest = new Map<string, MemberOds>();
  let seen = 0;
  for await (const s of models.OdsSnapshot.find({})
    .select('businessDate idIndex deposit loan wealth ebank lists warningScore')
    .lean()
    .cursor()) {
    if (++seen % 50000 === 0) progress({ phase: 'snapshots', done: seen });
    const h = memberOf.get(s.idIndex);
    const d = dateIndex.get(s.businessDate);
    if (h === undefined || d === undefined) continue;
    const at = (h * dates.length + d) * SERIES_FIELDS;
    series[at] = series[at]! + s.deposit.total;
    series[at + 1] = series[at + 1]! + s.loan.balance;
    series[at + 2] = series[at + 2]! + s.wealth.balance;
    if (s.businessDate === businessDate) {
      latest.set(s.idIndex, {
        idIndex: s.idIndex,
        figures: {
          deposit: { ...s.deposit },
          loan: { count: s.loan.count, balance: s.loan.balance, overdueAmount: s.loan.overdueAmount, overdueDays: s.loan.overdueDays },
          wealth: { balance: s.wealth.balance },
          ebank: { ebank: s.ebank.ebank, mobile: s.ebank.mobile },
        },
        lists: { blacklist: s.lists.blacklist, graylist: s.lists.graylist, dibao: s.lists.dibao },
        warningScore: s.warningScore ?? null,
      });
    }
  }

  // 3. Members per household, then the documents in batches.
  const membersOf: MemberOds[][] = householdIds.map(() => []);
  for (const [idIndex, m] of latest) membersOf[memberOf.get(idIndex)!]!.push(m);
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    // ordered:false + duplicate keys ignored: a retried batch of the same build is a no-op.
    await models.HouseholdPortrait.insertMany(docs, { ordered: false, lean: true }).catch(
      (err: { code?: number; writeErrors?: unknown }) => {
        const errors = Array.isArray(err.writeErrors) ? (err.writeErrors as { code?: number }[]) : [];
        if (err.code !== 11000 && (errors.length === 0 || errors.some((e) => e.code !== 11000))) throw err;
      },
    );
  };
  for (let h = 0; h < householdIds.length; h++) {
    const column = (f: number) => dates.map((_d, d) => fen(series[(h * dates.length + d) * SERIES_FIELDS + f]!));
    batch.push({
      _id: `${build}|${String(householdIds[h])}`,
      householdId: householdIds[h],
      build,
      businessDate,
      members: membersOf[h]!.sort((a, b) => a.idIndex.localeCompare(b.idIndex)),
      series: { dates, deposits: column(0), loans: column(1), wealth: column(2) },
      builtAt: now,
    });
    if (batch.length >= batchSize) {
      await flush();
      progress({ phase: 'writing', done: h + 1 });
    }
  }
  await flush();

  // 4. Only now retire the older builds.
  const deleted = await models.HouseholdPortrait.deleteMany({ build: mongoose.trusted({ $ne: build }) });
  return {
    build,
    businessDate,
    dates,
    households: householdIds.length,
    membersWithOds: latest.size,
    deletedOld: deleted.deletedCount ?? 0,
  };
}

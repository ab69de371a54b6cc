import type { Types } from 'mongoose';
import { hashPassword } from '../auth/passwords';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import { isIsoDate } from '../ods/isoDate';
import { demoPopulation, type DemoPopulation } from './demoPeople';
import type { DemoHousehold, ListEntry } from './householdFactory';
import { OdsBatchWriter } from './odsWriter';
import { demoObjectId, toHouseholdDoc } from './toHouseholdDoc';

/**
 * Seeds the demo bank of 泰兴农商行: head office, 20 branches, their staff (with the demo
 * accounts of api-contract.md), the divisions of 泰兴市, grids, households, and optionally the
 * T+1 ODS files of one or more business dates.
 *
 * Streaming: households are generated, encrypted and inserted in batches (insertMany,
 * ordered:false, at most two batches in flight so generation overlaps the database), never
 * all held in memory. Deterministic: the same seed, size and business date give the same
 * bank (ciphertexts aside, which use a random IV by design).
 */
export const DEMO_PASSWORD = 'Demo@2026';
export const DEFAULT_BUSINESS_DATE = '2026-11-27';

export interface SeedProgress {
  phase: 'organisation' | 'households' | 'walk-ins' | 'done';
  done: number;
  total: number;
}

export interface SeedDemoBankOptions {
  seed: string | number;
  households: number;
  /** Ages, balances and arrears are as of this date. Default 2026-11-27. */
  businessDate?: string;
  /** Also write the ODS batch files of these dates (default: the business date) into `dir`. */
  ods?: { dir: string; dates?: string[] };
  /** createdAt/updatedAt of the generated documents (default: now). */
  now?: Date;
  batchSize?: number;
  onProgress?: (p: SeedProgress) => void;
}

export interface SeedDemoBankResult {
  branches: number;
  users: number;
  regions: number;
  grids: number;
  households: number;
  members: number;
  walkInCustomers: number;
  odsDates: string[];
  odsDirs: string[];
  /** Customer rows written to the ODS files, summed over dates. */
  odsCustomerRows: number;
}

/** Demo data and its shared password must never reach a production database. */
export function assertNotProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') throw new Error('refusing to generate demo data with NODE_ENV=production');
}

/** Collections the seeder fills; the CLI's --reset empties exactly these. */
export const DEMO_COLLECTIONS = ['Branch', 'User', 'Region', 'Grid', 'Household'] as const;

export async function seedDemoBank(models: Models, crypto: FieldCrypto, opts: SeedDemoBankOptions): Promise<SeedDemoBankResult> {
  assertNotProduction();
  const businessDate = opts.businessDate ?? DEFAULT_BUSINESS_DATE;
  if (!isIsoDate(businessDate)) throw new Error(`invalid business date ${businessDate}`);
  const batchSize = opts.batchSize ?? 1000;
  const now = opts.now ?? new Date();
  const progress = opts.onProgress ?? (() => undefined);

  for (const name of DEMO_COLLECTIONS) {
    if (await models[name].exists({}))
      throw new Error(`the database already has ${name} documents: seed an empty database (or use the CLI's --reset)`);
  }

  const population = demoPopulation(opts.seed, opts.households, businessDate);
  const { plan, divisions } = population;
  progress({ phase: 'organisation', done: 0, total: opts.households });

  // One Argon2 hash for every demo account: hashing ~175 accounts at ~50 ms each would add
  // ~9 s to every seed and test. Sharing a hash (and so its salt) only reveals what is
  // documented anyway — all demo accounts share the password — and production refuses to run.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await models.Branch.insertMany(
    plan.branches.map((b) => ({ _id: b.id, name: b.name, townCode: b.townCode, address: b.address, location: b.location })),
    { ordered: false },
  );
  const userIds = new Map<string, Types.ObjectId>();
  await models.User.insertMany(
    plan.staff.map((s) => {
      const _id = demoObjectId(businessDate, opts.seed, 'user', s.username);
      userIds.set(s.username, _id);
      return {
        _id,
        username: s.username,
        passwordHash,
        role: s.role,
        branchId: s.branchId,
        name: s.name,
        employeeNo: s.employeeNo,
        active: true,
      };
    }),
    { ordered: false },
  );
  const regions = [
    {
      _id: divisions.county.code,
      name: divisions.county.name,
      level: 'county',
      parentCode: null,
      townCode: null,
      center: divisions.county.center,
      approximate: true,
    },
    ...divisions.towns.map((t) => ({
      _id: t.code,
      name: t.name,
      level: 'town',
      parentCode: divisions.county.code,
      townCode: t.code,
      center: t.center,
      approximate: true,
    })),
    ...divisions.villages.map((v) => ({
      _id: v.code,
      name: v.name,
      level: 'village',
      parentCode: v.townCode,
      townCode: v.townCode,
      center: v.center,
      approximate: true,
    })),
  ];
  await models.Region.insertMany(regions, { ordered: false });
  const managerOf = (username: string) => {
    const id = userIds.get(username);
    if (!id) throw new Error(`no user ${username}`);
    return id;
  };
  const grids = [...plan.gridManager].map(([village, username]) => ({
    _id: village,
    branchId: plan.villageBranch.get(village),
    managerId: managerOf(username),
  }));
  await models.Grid.insertMany(grids, { ordered: false });

  const odsDates = opts.ods ? (opts.ods.dates ?? [businessDate]) : [];
  for (const d of odsDates) if (!isIsoDate(d)) throw new Error(`invalid ODS date ${d}`);
  const writer = opts.ods ? await OdsBatchWriter.open(opts.ods.dir, odsDates, opts.seed, businessDate) : null;

  try {
    const counts = await streamPopulation(population, opts.households, {
      batchSize,
      progress,
      writer,
      insert: (batch) => models.Household.insertMany(batch, { ordered: false, lean: true }).then(() => undefined),
      toDoc: (h) =>
        toHouseholdDoc(h, crypto, {
          id: demoObjectId(businessDate, opts.seed, 'household', h.householdNo),
          memberIds: h.members.map((_, i) => demoObjectId(businessDate, opts.seed, 'member', h.householdNo, i)),
          managerId: managerOf(h.managerUsername),
          now,
        }),
    });
    const odsDirs = writer ? await writer.close() : [];
    progress({ phase: 'done', done: opts.households, total: opts.households });
    return {
      branches: plan.branches.length,
      users: plan.staff.length,
      regions: regions.length,
      grids: grids.length,
      households: counts.households,
      members: counts.members,
      walkInCustomers: counts.walkIns,
      odsDates,
      odsDirs,
      odsCustomerRows: writer?.customerRows ?? 0,
    };
  } catch (err) {
    await writer?.abort();
    throw err;
  }
}

/**
 * Writes only the ODS files of the given dates for the bank that `seedDemoBank` would seed
 * with the same seed, size and business date (e.g. the files of a new day for a database
 * seeded earlier). Touches no database.
 */
export async function writeDemoOds(opts: {
  seed: string | number;
  households: number;
  businessDate?: string;
  dir: string;
  dates?: string[];
  onProgress?: (p: SeedProgress) => void;
}) {
  assertNotProduction();
  const businessDate = opts.businessDate ?? DEFAULT_BUSINESS_DATE;
  const dates = opts.dates ?? [businessDate];
  for (const d of [businessDate, ...dates]) if (!isIsoDate(d)) throw new Error(`invalid date ${d}`);
  const population = demoPopulation(opts.seed, opts.households, businessDate);
  const writer = await OdsBatchWriter.open(opts.dir, dates, opts.seed, businessDate);
  try {
    const counts = await streamPopulation(population, opts.households, {
      batchSize: 1000,
      progress: opts.onProgress ?? (() => undefined),
      writer,
    });
    return { ...counts, odsDates: dates, odsDirs: await writer.close(), odsCustomerRows: writer.customerRows };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

const NO_LISTS: readonly ListEntry[] = [];

interface StreamSinks {
  batchSize: number;
  progress: (p: SeedProgress) => void;
  writer: OdsBatchWriter | null;
  insert?: (batch: Record<string, unknown>[]) => Promise<void>;
  toDoc?: (h: DemoHousehold) => Record<string, unknown>;
}

async function streamPopulation(population: DemoPopulation, total: number, sinks: StreamSinks) {
  const { writer, insert, toDoc } = sinks;
  let households = 0;
  let members = 0;
  let batch: Record<string, unknown>[] = [];
  // At most two insertMany calls in flight: the next batch is generated (CPU) while the
  // database writes the previous one, without letting unflushed batches pile up in memory.
  const inFlight: Promise<void>[] = [];
  const flush = async () => {
    if (!insert || batch.length === 0) return;
    const pending = insert(batch);
    // Handled when awaited below; the no-op catch only stops Node from calling a rejection
    // that is still queued "unhandled" and killing the process before we get to it.
    pending.catch(() => undefined);
    inFlight.push(pending);
    batch = [];
    if (inFlight.length >= 2) await inFlight.shift();
  };

  for (const h of population.households()) {
    if (toDoc) batch.push(toDoc(h));
    if (writer) {
      // Rows are buffered synchronously; the files are flushed once per batch below, so no
      // await (and no promise) per person.
      for (const m of h.members) writer.add(m, m.bank, h.lists.length > 0 ? h.lists.filter((l) => l.idNumber === m.idNumber) : NO_LISTS);
    }
    households++;
    members += h.members.length;
    if (batch.length >= sinks.batchSize) await flush();
    if (households % sinks.batchSize === 0) {
      await writer?.flush();
      sinks.progress({ phase: 'households', done: households, total });
    }
  }
  await flush();
  await Promise.all(inFlight.splice(0));
  await writer?.flush();
  sinks.progress({ phase: 'households', done: households, total });

  let walkIns = 0;
  for (const c of population.walkIns()) {
    writer?.add(c, c.profile, c.lists);
    if (++walkIns % sinks.batchSize === 0) await writer?.flush();
  }
  await writer?.flush();
  sinks.progress({ phase: 'walk-ins', done: walkIns, total: population.walkInCount });
  return { households, members, walkIns };
}

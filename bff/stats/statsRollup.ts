import mongoose, { Types } from 'mongoose';
import type { ManagerStats } from '@sunshine/shared';
import type { Services } from '../src/context';
import type { ManagerStatsDoc } from '../models/ManagerStats';
import { chinaDay, chinaDayStart, chinaPeriods } from './chinaCalendar';
import { flushHouseholdVisits } from '../visits/householdVisitState';

/**
 * A manager's statistics as one precomputed document (ManagerStats, by _id), so the home
 * page reads one document instead of scanning visits and households (FerretDB scans for any
 * non-_id filter: ~0.7 s over 50,000 households).
 *
 * The rollup is recomputed from the rows, never patched with $inc (last-writer-wins on
 * FerretDB 1.x). A visit marks its manager's rollup dirty in Redis; the next read
 * recomputes it. The dirty mark is taken (GETDEL) before the rows are read, so a visit
 * landing during a recompute leaves the mark set for the next read. A Redis lock keeps one
 * recompute per manager at a time, so an older recompute cannot overwrite a newer one. Files
 * and transfers made elsewhere are picked up when the rollup is older than MAX_AGE_MS.
 */
export const STATS_MAX_AGE_MS = 10 * 60_000;
const LOCK_MS = 30_000;

type StatsServices = Pick<Services, 'models' | 'redis' | 'config' | 'regions'>;

const dirtyKey = (s: Pick<Services, 'config'>, managerId: string) => `${s.config.redisPrefix}stats:dirty:${managerId}`;
const lockKey = (s: Pick<Services, 'config'>, managerId: string) => `${s.config.redisPrefix}stats:lock:${managerId}`;

/** Called after a visit is written. Best effort: a lost mark is healed by MAX_AGE_MS. */
export function scheduleStatsRefresh(services: Partial<Pick<Services, 'redis' | 'config' | 'logger'>>, managerId: string): void {
  const { redis, config } = services;
  if (!redis || !config) return;
  redis
    .set(dirtyKey({ config }, managerId), '1', 'EX', 86_400)
    .catch((err: unknown) => services.logger?.warn({ err }, 'stats mark failed'));
}

export async function readManagerStats(services: StatsServices, managerId: string, now = new Date()): Promise<ManagerStats> {
  const { models, redis } = services;
  let doc = await models.ManagerStats.findById(managerId).lean<ManagerStatsDoc>();
  const stale =
    !doc || now.getTime() - doc.computedAt.getTime() > STATS_MAX_AGE_MS || (await redis.exists(dirtyKey(services, managerId))) === 1;
  if (stale) doc = (await recompute(services, managerId, now, doc !== null)) ?? doc;
  return present(services, doc!, now);
}

async function recompute(services: StatsServices, managerId: string, now: Date, hasRollup: boolean): Promise<ManagerStatsDoc | null> {
  const { models, redis } = services;
  const locked = await redis.set(lockKey(services, managerId), '1', 'PX', LOCK_MS, 'NX');
  // Another recompute is running: use the current rollup, or compute without saving if none.
  if (locked !== 'OK' && hasRollup) return null;
  try {
    if (locked === 'OK') await redis.getdel(dirtyKey(services, managerId));
    // Coverage reads the households' lastVisitAt: write pending visit rollups first.
    await flushHouseholdVisits(services, 500);
    const row = await computeFromRows(services, managerId, now);
    if (locked === 'OK') await models.ManagerStats.replaceOne({ _id: managerId }, row, { upsert: true });
    return row;
  } finally {
    if (locked === 'OK') await redis.del(lockKey(services, managerId));
  }
}

async function computeFromRows(services: StatsServices, managerId: string, now: Date): Promise<ManagerStatsDoc> {
  const { models } = services;
  const me = new Types.ObjectId(managerId);
  const { since } = chinaPeriods(now);
  const [visits, grids, households, filedClaims] = await Promise.all([
    models.Visit.find({ recordedBy: me, at: mongoose.trusted({ $gte: chinaDayStart(since) }) }, { at: 1 }).lean(),
    models.Grid.find({ managerId: me }, { _id: 1 }).lean(),
    models.Household.find({ managerId: me }, { villageCode: 1, lastVisitAt: 1 }).lean(),
    models.ClientSubmission.find({ kind: 'household', userId: managerId }, { resultId: 1 }).lean(),
  ]);
  const byDay = new Map<string, number>();
  for (const v of visits) byDay.set(chinaDay(v.at), (byDay.get(chinaDay(v.at)) ?? 0) + 1);
  // A claim is made before the file is validated and inserted; count the files that exist.
  const householdsFiled = filedClaims.length
    ? await models.Household.countDocuments({ _id: mongoose.trusted({ $in: filedClaims.map((c) => c.resultId) }) })
    : 0;
  const villages = new Map(grids.map((g) => [String(g._id), { code: String(g._id), households: 0, visitedHouseholds: 0 }]));
  for (const h of households) {
    const v = villages.get(h.villageCode);
    if (!v) continue; // a household kept after its village moved to another grid
    v.households += 1;
    if (h.lastVisitAt) v.visitedHouseholds += 1;
  }
  return {
    _id: managerId,
    visitsByDay: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, count]) => ({ day, count })),
    householdsFiled,
    villages: [...villages.values()].sort((a, b) => a.code.localeCompare(b.code)),
    computedAt: now,
  } as ManagerStatsDoc;
}

async function present(services: StatsServices, doc: ManagerStatsDoc, now: Date): Promise<ManagerStats> {
  const names = await services.regions.names();
  const { weekStart, monthStart } = chinaPeriods(now);
  const sum = (from: string) => doc.visitsByDay.reduce((s, d) => s + (d.day! >= from ? (d.count ?? 0) : 0), 0);
  const byVillage = doc.villages.map((v) => ({
    code: v.code!,
    name: names.get(v.code!)?.name ?? v.code!,
    households: v.households ?? 0,
    visitedHouseholds: v.visitedHouseholds ?? 0,
  }));
  const visitedVillages = byVillage.filter((v) => v.visitedHouseholds > 0).length;
  return {
    visitsThisWeek: sum(weekStart),
    visitsThisMonth: sum(monthStart),
    householdsFiled: doc.householdsFiled,
    coverage: {
      villages: byVillage.length,
      visitedVillages,
      ratio: byVillage.length ? visitedVillages / byVillage.length : 0,
      byVillage,
    },
    asOf: doc.computedAt.toISOString(),
  };
}

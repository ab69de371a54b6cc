import type { Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { HouseholdDoc } from '../models/Household';
import type { HouseholdPortraitDoc } from '../models/HouseholdPortrait';
import type { VisitDoc } from '../models/Visit';
import { NotFoundError } from '../src/errors';
import { presentPortrait } from '../portrait/presentPortrait';
import { cachedInScope, cachePortrait, currentVisitStamp, getCachedPortrait } from './portraitCache';
import { readCreditStatus } from './readCreditStatus';

/** Visits shown on the portrait's timeline; the full list is GET /households/{id}/visits. */
const TIMELINE_LENGTH = 20;

/**
 * A household's portrait as a JSON string, within the caller's data scope (404 outside it).
 *
 * Hot path: one Redis round trip (besides authentication's), checked against the scope carried in
 * the cached entry. On a miss, the household, its precomputed ODS portrait and its visits are
 * read in parallel; on FerretDB 1.24 each of these is a collection scan (see
 * bench/portrait/RESULTS.md), which is why the presented result is cached.
 */
export async function readHouseholdPortrait(
  services: Pick<Services, 'models' | 'redis' | 'config'>,
  scope: DataScope,
  householdId: string,
): Promise<string> {
  const { redis, config } = services;
  const prefix = config.redisPrefix;
  const cached = await getCachedPortrait(redis, prefix, householdId);
  if (cached) {
    if (!cachedInScope(cached, scope.filter)) throw new NotFoundError('未找到该户');
    return cached.body;
  }

  // Taken before the visits are read: a visit recorded meanwhile makes the next read a miss.
  const visitStamp = await currentVisitStamp(redis, prefix, householdId);
  const household = await scope.households.findById(householdId).lean<HouseholdDoc>();
  if (!household) throw new NotFoundError('未找到该户');
  const { models } = services;
  const [builds, visits, visitsTotal, creditStatus] = await Promise.all([
    models.HouseholdPortrait.find({ householdId: household._id }).lean<HouseholdPortraitDoc[]>(),
    scope.visits.find({ householdId: household._id }).sort({ at: -1 }).limit(TIMELINE_LENGTH).lean<VisitDoc[]>(),
    scope.visits.countDocuments({ householdId: household._id }),
    readCreditStatus(services, household._id),
  ]);
  // During a rebuild two builds coexist; each document is complete, the newest wins.
  const ods = builds.sort((a, b) => a.build.localeCompare(b.build)).at(-1) ?? null;

  const portrait = presentPortrait({
    household: {
      id: String(household._id),
      householdNo: household.householdNo,
      headName: household.headName,
      members: household.members.map((m) => ({
        id: String((m as { _id?: unknown })._id),
        relation: m.relation,
        name: m.name,
        idIndex: m.idIndex,
        idMasked: m.idMasked,
      })),
    },
    ods: ods
      ? {
          businessDate: ods.businessDate,
          members: ods.members.map((m) => ({
            idIndex: m.idIndex,
            figures: m.figures as never,
            lists: { blacklist: !!m.lists?.blacklist, graylist: !!m.lists?.graylist, dibao: !!m.lists?.dibao },
            warningScore: m.warningScore ?? null,
          })),
          series: {
            dates: ods.series?.dates ?? [],
            deposits: ods.series?.deposits ?? [],
            loans: ods.series?.loans ?? [],
            wealth: ods.series?.wealth ?? [],
          },
        }
      : null,
    visits: visits.map((v) => ({
      id: String(v._id),
      at: v.at.toISOString(),
      managerId: String(v.managerId),
      outcome: v.outcome,
      proofLevel: v.proof!.level,
      notes: v.notes,
      products: v.products,
      nextFollowUp: v.nextFollowUp ?? null,
    })),
    visitsTotal,
    creditStatus,
  });
  const body = JSON.stringify(portrait);
  await cachePortrait(redis, prefix, householdId, {
    managerId: String(household.managerId),
    branchId: household.branchId,
    visitStamp,
    body,
  });
  return body;
}

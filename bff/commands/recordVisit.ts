import { ERROR_IDS, type CreateVisit } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { HouseholdDoc } from '../models/Household';
import type { VisitDoc } from '../models/Visit';
import { AppError, NotFoundError } from '../src/errors';
import { assessProof } from '../visits/proofOfVisit';
import { claimSubmission, payloadHash } from './householdFileFields';

/**
 * Records a visit exactly once per client id (a phone that resends after losing the
 * network gets the same visit back), computes its proof of presence against the household's
 * geotag, sets the geotag on the first verified visit, and updates the household's visit
 * rollup used by the visited / not-yet-visited lists.
 */
export async function recordVisit(
  services: Pick<Services, 'models'>,
  user: AuthUser,
  scope: DataScope,
  input: CreateVisit,
): Promise<{ visit: VisitDoc; created: boolean }> {
  const { models } = services;
  const { clientId, ...visit } = input;
  const household = await scope.households.findById(visit.householdId).lean<HouseholdDoc>();
  if (!household) throw new NotFoundError('未找到该户');
  if (String(household.managerId) !== user.id) throw new AppError(403, ERROR_IDS.forbidden, '只有责任客户经理可以登记走访');

  const claim = await claimSubmission(models, `visit:${clientId}`, 'visit', payloadHash(visit), user.id);
  const existing = await models.Visit.findById(claim.resultId).lean<VisitDoc>();
  if (existing) return { visit: existing, created: false };

  const g = household.geotag;
  const geotag = g && typeof g.lat === 'number' && typeof g.lng === 'number' ? { lat: g.lat, lng: g.lng } : null;
  const proof = assessProof({ fix: visit.location, geotag, photoCount: 0, customerConfirmed: false });
  try {
    await models.Visit.create({
      _id: claim.resultId,
      householdId: household._id,
      managerId: household.managerId,
      branchId: household.branchId,
      villageCode: household.villageCode,
      at: new Date(visit.location.at),
      location: { lat: visit.location.lat, lng: visit.location.lng, accuracy: visit.location.accuracy },
      distanceM: proof.distanceM,
      proof: { level: proof.level, reasons: proof.reasons },
      notes: visit.notes,
      products: visit.products,
      creditNeed: visit.creditNeed,
      outcome: visit.outcome,
      nextFollowUp: visit.nextFollowUp,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return { visit: (await models.Visit.findById(claim.resultId).lean<VisitDoc>())!, created: false };
  }

  // The rollup is recomputed from the visits rather than patched, so concurrent or
  // out-of-order uploads (an offline phone syncing a day later) converge to the truth.
  const latest = await models.Visit.findOne({ householdId: household._id }).sort({ at: -1 }).lean<VisitDoc>();
  const set: Record<string, unknown> = { lastVisitAt: latest?.at ?? null, nextFollowUp: latest?.nextFollowUp ?? null };
  if (proof.setsGeotag && !household.geotag) set.geotag = { lat: visit.location.lat, lng: visit.location.lng, visitId: claim.resultId };
  await models.Household.updateOne({ _id: household._id }, { $set: set });
  return { visit: (await models.Visit.findById(claim.resultId).lean<VisitDoc>())!, created: true };
}

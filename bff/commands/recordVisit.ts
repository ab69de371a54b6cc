import mongoose, { Types } from 'mongoose';
import { ERROR_IDS, type CreateVisit } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { VisitDoc } from '../models/Visit';
import type { PhotoMeta } from '../models/Photo';
import { AppError, NotFoundError, ValidationError } from '../src/errors';
import { assessProof } from '../visits/proofOfVisit';
import { checkTravel, type TimedFix } from '../visits/travel';
import { addFix, neighbourFixes } from '../visits/recentFixes';
import { householdInScope, loadHouseholdFacts, recordHouseholdVisit } from '../visits/householdVisitState';
import { scheduleStatsRefresh } from '../stats/statsRollup';
import { payloadHash } from './householdFileFields';

/** A photo belongs to a visit only if taken this close to the visit's fix. */
export const PHOTO_WINDOW_MS = 2 * 3_600_000;

/**
 * Records a visit exactly once per client id (a phone that resends after losing the
 * network gets the same visit back), computes its proof of presence against the household's
 * geotag, the attached photos and the manager's neighbouring fixes, sets the geotag on the
 * first verified visit, and updates the household's visit rollup used by the visited /
 * not-yet-visited lists.
 *
 * The hot path touches the database twice, both inserts into append-only collections (the
 * claim and the visit); household facts, the rollup and recent fixes go through Redis (see
 * householdVisitState.ts for why: every household read or update scans on FerretDB 1.24).
 * The response is built from what was written, not re-read.
 */
export async function recordVisit(
  services: Pick<Services, 'models' | 'redis' | 'config'> & Partial<Pick<Services, 'closers' | 'logger'>>,
  user: AuthUser,
  scope: DataScope,
  input: CreateVisit,
): Promise<{ visit: VisitDoc; created: boolean }> {
  const { models, redis, config } = services;
  const { clientId, ...visit } = input;
  if (new Set(visit.photoIds).size !== visit.photoIds.length) throw new ValidationError('photoIds: 照片重复', ['photoIds']);
  const fixAt = new Date(visit.location.at);
  const [household, neighbours, photos] = await Promise.all([
    loadHouseholdFacts(services, visit.householdId, user.id),
    neighbourFixes(redis, config.redisPrefix, user.id, fixAt),
    visit.photoIds.length
      ? models.Photo.find({ _id: mongoose.trusted({ $in: visit.photoIds.map((id) => new Types.ObjectId(id)) }) }).lean<PhotoMeta[]>()
      : Promise.resolve([] as PhotoMeta[]),
  ]);
  if (!household || !householdInScope(household, scope)) throw new NotFoundError('未找到该户');
  if (household.managerId !== user.id) throw new AppError(403, ERROR_IDS.forbidden, '只有责任客户经理可以登记走访');
  const photoById = new Map(photos.map((p) => [String(p._id), p]));
  for (const id of visit.photoIds) {
    const p = photoById.get(id);
    if (!p || String(p.uploadedBy) !== user.id || String(p.householdId) !== household.id) {
      throw new ValidationError('photoIds: 照片不存在或不属于本次走访的客户', ['photoIds']);
    }
    if (Math.abs(p.takenAt.getTime() - fixAt.getTime()) > PHOTO_WINDOW_MS) {
      throw new ValidationError('photoIds: 照片拍摄时间与走访定位时间相差超过2小时', ['photoIds']);
    }
  }

  const claim = await claimVisit(models, clientId, payloadHash(visit), user.id);
  if (!claim.fresh) {
    const existing = await models.Visit.findById(claim.resultId).lean<VisitDoc>();
    if (existing) return { visit: existing, created: false };
  }

  const fix: TimedFix = { at: fixAt, lat: visit.location.lat, lng: visit.location.lng, accuracy: visit.location.accuracy };
  const travel = checkTravel(fix, neighbours);
  const proof = assessProof({
    fix: visit.location,
    geotag: household.geotag,
    photoCount: visit.photoIds.length,
    customerConfirmed: false,
    travelAnomaly: travel?.reason ?? null,
  });
  let created: VisitDoc;
  try {
    const doc = await models.Visit.create({
      _id: claim.resultId,
      householdId: new Types.ObjectId(household.id),
      managerId: new Types.ObjectId(household.managerId),
      branchId: household.branchId,
      villageCode: household.villageCode,
      recordedBy: new Types.ObjectId(user.id),
      at: fixAt,
      location: { lat: visit.location.lat, lng: visit.location.lng, accuracy: visit.location.accuracy },
      distanceM: proof.distanceM,
      proof: { level: proof.level, reasons: proof.reasons },
      notes: visit.notes,
      products: visit.products,
      creditNeed: visit.creditNeed,
      outcome: visit.outcome,
      nextFollowUp: visit.nextFollowUp,
      photos: visit.photoIds.map((id) => ({ photoId: new Types.ObjectId(id), sha256: photoById.get(id)!.sha256 })),
    });
    created = doc.toObject() as VisitDoc;
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    return { visit: (await models.Visit.findById(claim.resultId).lean<VisitDoc>())!, created: false };
  }

  await Promise.all([
    recordHouseholdVisit(services, household.id, {
      at: fixAt,
      nextFollowUp: visit.nextFollowUp,
      geotag: proof.setsGeotag && !household.geotag ? { lat: fix.lat, lng: fix.lng, visitId: claim.resultId } : null,
    }),
    addFix(redis, config.redisPrefix, user.id, String(claim.resultId), fix),
  ]);
  scheduleStatsRefresh(services, user.id);
  return { visit: created, created: true };
}

/**
 * Claims the client id (ClientSubmission `visit:<clientId>`), as claimSubmission does, but
 * says whether this call made the claim: a fresh claim cannot have a visit yet, which saves
 * the read on the first (and by far most common) submission.
 */
async function claimVisit(models: Pick<Services['models'], 'ClientSubmission'>, clientId: string, hash: string, userId: string) {
  const claimId = `visit:${clientId}`;
  const resultId = new Types.ObjectId();
  try {
    await models.ClientSubmission.create({ _id: claimId, kind: 'visit', resultId, payloadHash: hash, userId });
    return { resultId, fresh: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const claim = await models.ClientSubmission.findById(claimId).lean();
  if (!claim || claim.payloadHash !== hash || claim.userId !== userId) {
    throw new AppError(422, ERROR_IDS.idempotencyMismatch, '该客户端编号已用于另一次提交', { field: 'clientId' });
  }
  return { resultId: claim.resultId as Types.ObjectId, fresh: false };
}

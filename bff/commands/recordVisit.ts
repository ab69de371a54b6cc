import mongoose, { Types } from 'mongoose';
import { ERROR_IDS, type CreateVisit } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { HouseholdDoc } from '../models/Household';
import type { VisitDoc } from '../models/Visit';
import { PHOTO_META, type PhotoMeta } from '../models/Photo';
import { MAX_RECENT_FIXES, type ManagerFixesDoc } from '../models/ManagerFixes';
import { AppError, NotFoundError, ValidationError } from '../src/errors';
import { assessProof } from '../visits/proofOfVisit';
import { checkTravel, mergeRecentFixes, type TimedFix } from '../visits/travel';
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
 * The hot path reads only by _id (household, the manager's recent fixes, photos) and
 * writes three documents; the response is built from what was written, not re-read.
 */
export async function recordVisit(
  services: Pick<Services, 'models'> & Partial<Pick<Services, 'redis' | 'config' | 'closers' | 'logger'>>,
  user: AuthUser,
  scope: DataScope,
  input: CreateVisit,
): Promise<{ visit: VisitDoc; created: boolean }> {
  const { models } = services;
  const { clientId, ...visit } = input;
  if (new Set(visit.photoIds).size !== visit.photoIds.length) throw new ValidationError('photoIds: 照片重复', ['photoIds']);
  const [household, recent, photos] = await Promise.all([
    scope.households.findById(visit.householdId).lean<HouseholdDoc>(),
    models.ManagerFixes.findById(user.id).lean<ManagerFixesDoc>(),
    visit.photoIds.length
      ? models.Photo.find({ _id: mongoose.trusted({ $in: visit.photoIds.map((id) => new Types.ObjectId(id)) }) }, PHOTO_META).lean<PhotoMeta[]>()
      : Promise.resolve([] as PhotoMeta[]),
  ]);
  if (!household) throw new NotFoundError('未找到该户');
  if (String(household.managerId) !== user.id) throw new AppError(403, ERROR_IDS.forbidden, '只有责任客户经理可以登记走访');
  const fixAt = new Date(visit.location.at);
  const photoById = new Map(photos.map((p) => [String(p._id), p]));
  for (const id of visit.photoIds) {
    const p = photoById.get(id);
    if (!p || String(p.uploadedBy) !== user.id || !p.householdId.equals(household._id)) {
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
  type StoredFix = TimedFix & { visitId: Types.ObjectId | null };
  const recentFixes: StoredFix[] = [];
  for (const f of recent?.fixes ?? []) {
    if (f.at instanceof Date && typeof f.lat === 'number' && typeof f.lng === 'number') {
      recentFixes.push({ at: f.at, lat: f.lat, lng: f.lng, accuracy: f.accuracy ?? 0, visitId: f.visitId ?? null });
    }
  }
  const travel = checkTravel(fix, recentFixes);
  const g = household.geotag;
  const geotag = g && typeof g.lat === 'number' && typeof g.lng === 'number' ? { lat: g.lat, lng: g.lng } : null;
  const proof = assessProof({
    fix: visit.location,
    geotag,
    photoCount: visit.photoIds.length,
    customerConfirmed: false,
    travelAnomaly: travel?.reason ?? null,
  });
  let created: VisitDoc;
  try {
    const doc = await models.Visit.create({
      _id: claim.resultId,
      householdId: household._id,
      managerId: household.managerId,
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

  // The household rollup moves forward only: an offline phone syncing an older visit later
  // does not replace a newer one. (Two visits to one household at the same instant are the
  // one case left to last-writer-wins, which FerretDB 1.x gives every update.)
  const set: Record<string, unknown> = {};
  if (!household.lastVisitAt || household.lastVisitAt.getTime() <= fixAt.getTime()) {
    set.lastVisitAt = fixAt;
    set.nextFollowUp = visit.nextFollowUp;
  }
  if (proof.setsGeotag && !household.geotag) set.geotag = { lat: fix.lat, lng: fix.lng, visitId: claim.resultId };
  const fixes = mergeRecentFixes(recentFixes, { ...fix, visitId: claim.resultId }, MAX_RECENT_FIXES);
  await Promise.all([
    Object.keys(set).length ? models.Household.updateOne({ _id: household._id }, { $set: set }) : null,
    models.ManagerFixes.updateOne({ _id: user.id }, { $set: { fixes } }, { upsert: true }),
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

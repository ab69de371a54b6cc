import { createHash } from 'node:crypto';
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
import { funnelOnVisit } from '../funnel/funnelHooks';
import { payloadHash } from './householdFileFields';
import { insertBatcherFor } from '../models/insertBatcher';

/** A photo belongs to a visit only if taken this close to the visit's fix. */
export const PHOTO_WINDOW_MS = 2 * 3_600_000;

/**
 * Records a visit exactly once per client id (a phone that resends after losing the
 * network gets the same visit back), computes its proof of presence against the household's
 * geotag, the attached photos and the manager's neighbouring fixes, sets the geotag on the
 * first verified visit, and updates the household's visit rollup used by the visited /
 * not-yet-visited lists.
 *
 * The hot path writes the database once: the insert of the visit (batched with concurrent
 * submits), whose primary key is also the idempotency claim (see visitIdFor). The
 * household's visit rollup is decided in Redis and written behind the request
 * (householdVisitState.ts says why); household facts and recent fixes come from Redis. The
 * response is built from what was written, not re-read.
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

  // The visit's own primary key is the idempotency claim: its _id is derived from the caller
  // and the client id, so a resend collides with the first insert (11000) and gets it back.
  const visitId = visitIdFor(user.id, clientId);
  const hash = payloadHash(visit);

  const fix: TimedFix = { at: fixAt, lat: visit.location.lat, lng: visit.location.lng, accuracy: visit.location.accuracy };
  const travel = checkTravel(fix, neighbours);
  const proof = assessProof({
    fix: visit.location,
    geotag: household.geotag,
    photoCount: visit.photoIds.length,
    customerConfirmed: false,
    travelAnomaly: travel?.reason ?? null,
  });
  // Inserted through the visit batcher: concurrent submits share one database round trip.
  const { doc: created, outcome } = await insertBatcherFor(models.Visit).insert<VisitDoc>({
    _id: visitId,
    payloadHash: hash,
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
  if (outcome === 'duplicate') {
    const existing = await models.Visit.findById(visitId).lean<VisitDoc>();
    if (!existing || existing.payloadHash !== hash || String(existing.recordedBy) !== user.id) {
      throw new AppError(422, ERROR_IDS.idempotencyMismatch, '该客户端编号已用于另一次提交', { field: 'clientId' });
    }
    return { visit: existing, created: false };
  }

  await Promise.all([
    recordHouseholdVisit(services, household, {
      at: fixAt,
      nextFollowUp: visit.nextFollowUp,
      geotag: proof.setsGeotag && !household.geotag ? { lat: fix.lat, lng: fix.lng, visitId } : null,
    }),
    addFix(redis, config.redisPrefix, user.id, String(visitId), fix),
  ]);
  scheduleStatsRefresh(services, user.id);
  funnelOnVisit(services, created);
  return { visit: created, created: true };
}

/**
 * A visit's _id from its author and client id: the first 12 bytes of a SHA-256, so the
 * same submission always maps to the same document and two users' client ids never collide.
 * (The ObjectId's "timestamp" bytes are therefore meaningless; nothing reads them.)
 */
export function visitIdFor(userId: string, clientId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`visit:${userId}:${clientId}`).digest().subarray(0, 12));
}

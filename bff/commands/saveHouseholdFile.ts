import mongoose, { Types } from 'mongoose';
import { ERROR_IDS, type HouseholdFile } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { HouseholdDoc } from '../models/Household';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../src/errors';
import { claimSubmission, householdFileFields, payloadHash } from './householdFileFields';
import { recordAudit } from './recordAudit';
import { invalidatePortraits } from './portraitCache';
import { invalidateHouseholdFacts } from '../visits/householdVisitState';
import { funnelOnHouseholdFiled } from '../funnel/funnelHooks';

type Deps = Pick<Services, 'models' | 'crypto' | 'redis' | 'config'>;

/**
 * Files a new household for the calling manager, exactly once per client id.
 *
 * Without transactions, the order makes it safe: (1) claim the client id together with the
 * household's future _id, (2) insert the household under that _id. A retry after a crash
 * between the two finds the claim and inserts the same _id again (a duplicate key there
 * means it was already done). The same id with a different payload is refused (422).
 */
export async function createHouseholdFile(
  deps: Deps,
  user: AuthUser,
  input: HouseholdFile & { clientId: string },
): Promise<{ household: HouseholdDoc; created: boolean }> {
  const { models, crypto } = deps;
  const { clientId, ...file } = input;
  if (user.role !== 'manager' || !user.branchId) throw new AppError(403, ERROR_IDS.forbidden, '只有客户经理可以建档');
  await assertVillageInBranch(deps, file.villageCode, user.branchId);

  const claim = await claimSubmission(models, `household:${clientId}`, 'household', payloadHash(file), user.id);
  const householdId = claim.resultId;
  const existing = await models.Household.findById(householdId).lean<HouseholdDoc>();
  if (existing) return { household: existing, created: false };

  const fields = householdFileFields(file, crypto);
  await assertNoDuplicateMembers(deps, fields.members, householdId);
  // 户号: app-filed households number from 90001 per village, above any imported paper
  // series. The unique index on householdNo arbitrates concurrent filings in one village.
  const prefix = `${file.villageCode}9`;
  let n = await models.Household.countDocuments({
    villageCode: file.villageCode,
    householdNo: mongoose.trusted({ $gte: `${prefix}0000` }),
  });
  for (let attempt = 0; ; attempt++) {
    n += 1;
    try {
      await models.Household.create({
        _id: householdId,
        householdNo: `${prefix}${String(n).padStart(4, '0')}`,
        branchId: user.branchId,
        managerId: new Types.ObjectId(user.id),
        ...fields,
        version: 1,
      });
      break;
    } catch (err) {
      const dup = err as { code?: number; keyPattern?: Record<string, unknown> };
      if (dup.code !== 11000) throw err;
      if (!dup.keyPattern || '_id' in dup.keyPattern || !('householdNo' in dup.keyPattern) || attempt > 50) {
        // Another request with the same client id inserted this household first.
        const other = await models.Household.findById(householdId).lean<HouseholdDoc>();
        if (other) return { household: other, created: false };
        throw err;
      }
    }
  }
  const household = await models.Household.findById(householdId).lean<HouseholdDoc>();
  if (!household) throw new Error('household vanished after insert');
  funnelOnHouseholdFiled(deps, household);
  return { household, created: true };
}

/**
 * Saves an edit of a household file if nobody saved in between. The editor sends the
 * version they read; the save first claims revision version+1 by inserting it (only one
 * concurrent editor can), then applies it. A stale version is a 409 carrying the current
 * one, so the app can show both and let the person decide — never a silent overwrite.
 * A revision claimed but not applied (a crash in between) is rolled forward on the next
 * save.
 *
 * Idempotent on the edit's client id, as filing is: the id is claimed once with the edit's
 * payload (another payload under it is a 422), and the revision records it. A replay — the
 * outbox resending after a lost answer, ten times or ten at once — finds its own revision
 * and answers with the file as it is now: no second revision, no 409 against itself.
 */
export async function updateHouseholdFile(
  deps: Deps,
  user: AuthUser,
  scope: DataScope,
  id: string,
  input: HouseholdFile & { version: number; clientId: string },
  meta: { ip: string | null; requestId: string | null },
): Promise<HouseholdDoc> {
  const { models, crypto } = deps;
  const { version, clientId, ...file } = input;
  let current = await scope.households.findById(id).lean<HouseholdDoc>();
  if (!current) throw new NotFoundError('未找到该户');
  if (user.role !== 'manager' || String(current.managerId) !== user.id) {
    throw new AppError(403, ERROR_IDS.forbidden, '只有责任客户经理可以修改档案');
  }
  await claimSubmission(models, `householdEdit:${clientId}`, 'household.update', payloadHash({ id, version, file }), user.id);
  current = await rollForward(deps, current);
  const revisionId = `${id}:${version + 1}`;
  if (current.version !== version) {
    if (await isRevisionOf(deps, revisionId, clientId)) return replayed(deps, current);
    throw versionConflict(current.version);
  }
  if (file.villageCode !== current.villageCode) await assertVillageInBranch(deps, file.villageCode, current.branchId);

  const fields = householdFileFields(file, crypto, current);
  await assertNoDuplicateMembers(deps, fields.members, current._id);
  try {
    await models.HouseholdRevision.create({
      _id: revisionId,
      householdId: current._id,
      version: version + 1,
      fields,
      userId: user.id,
      clientId,
      at: new Date(),
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    // The same edit sent twice at once: the twin's revision is this edit; apply its fields.
    if (await isRevisionOf(deps, revisionId, clientId)) return replayed(deps, await rollForward(deps, current));
    throw versionConflict(version + 1);
  }
  await models.Household.updateOne({ _id: current._id }, { $set: { ...fields, version: version + 1 } });
  await recordAudit(models, {
    ...meta,
    event: 'household.update',
    outcome: 'success',
    userId: user.id,
    username: user.username,
    details: { householdId: id, version: version + 1 },
  });
  await dropCachedFacts(deps, id, { villageChanged: fields.villageCode !== current.villageCode });
  return (await models.Household.findById(current._id).lean<HouseholdDoc>())!;
}

/** Whether revision `<id>:<version>` was made by the edit with this client id. */
async function isRevisionOf(deps: Deps, revisionId: string, clientId: string): Promise<boolean> {
  const revision = await deps.models.HouseholdRevision.findById(revisionId, { clientId: 1 }).lean();
  return revision?.clientId === clientId;
}

/**
 * A replay's answer. Whether the first attempt got as far as dropping the caches is unknown
 * (it may have died just after applying), so they are dropped again, village facts included.
 */
async function replayed(deps: Deps, household: HouseholdDoc): Promise<HouseholdDoc> {
  await dropCachedFacts(deps, String(household._id), { villageChanged: true });
  return household;
}

/**
 * Caches that copy the file: the portrait (head, members, money) always; the visit path's
 * household facts (manager, branch, village, geotag) only when the village changed, the one
 * fact an edit can change, as dropping them costs every manager a reload.
 */
async function dropCachedFacts(deps: Deps, householdId: string, opts: { villageChanged: boolean }): Promise<void> {
  const { redis, config } = deps;
  if (opts.villageChanged) await invalidateHouseholdFacts(redis, config.redisPrefix);
  await invalidatePortraits(redis, config.redisPrefix, [householdId]);
}

/** Applies revisions that were claimed but not applied (a save interrupted by a crash). */
async function rollForward(deps: Deps, h: HouseholdDoc): Promise<HouseholdDoc> {
  let doc = h;
  for (;;) {
    const pending = await deps.models.HouseholdRevision.findById(`${String(doc._id)}:${doc.version + 1}`).lean();
    if (!pending) return doc;
    await deps.models.Household.updateOne({ _id: doc._id }, { $set: { ...(pending.fields as object), version: pending.version } });
    doc = (await deps.models.Household.findById(doc._id).lean<HouseholdDoc>())!;
  }
}

function versionConflict(currentVersion: number): AppError {
  return new AppError(409, ERROR_IDS.conflict, `档案已被他人修改(当前版本 ${currentVersion}),请刷新后再保存`, {
    field: 'version',
    data: { currentVersion },
  });
}

async function assertVillageInBranch(deps: Deps, villageCode: string, branchId: string): Promise<void> {
  const [village, grid] = await Promise.all([
    deps.models.Region.findById(villageCode).lean(),
    deps.models.Grid.findById(villageCode).lean(),
  ]);
  if (!village || village.level !== 'village') throw new ValidationError('villageCode: 未知的村居', ['villageCode']);
  if (grid && grid.branchId !== branchId) throw new ValidationError('villageCode: 该村居不在本支行辖区', ['villageCode']);
}

/** A person is filed once: the same ID number in another household is a conflict, found by blind index. */
async function assertNoDuplicateMembers(deps: Deps, members: Array<{ idIndex: string }>, selfId: Types.ObjectId | null): Promise<void> {
  const indexes = members.map((m) => m.idIndex);
  const clash = await deps.models.Household.findOne(
    { 'members.idIndex': mongoose.trusted({ $in: indexes }), ...(selfId ? { _id: mongoose.trusted({ $ne: selfId }) } : {}) },
    { householdNo: 1, members: 1 },
  ).lean<HouseholdDoc>();
  if (!clash) return;
  const at = members.findIndex((m) => clash.members.some((cm) => cm.idIndex === m.idIndex));
  throw new ConflictError(`第${at + 1}位成员已在户号 ${clash.householdNo} 中建档`, `members.${at}.idNumber`);
}

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { loadConfig, type AppConfig } from '../src/config';
import { createFieldCrypto } from '../security/fieldCrypto';
import { openTestDatabase, type TestDatabase } from '../testing/testDb';
import { buildHousehold, buildUser } from '../testing/factories';
import { flushHouseholdVisits, flushManagerHouseholdVisits, recordHouseholdVisit } from './householdVisitState';

/** The rollup against the real FerretDB and Redis: decided in Redis, written behind, converging after races. */
describe('household visit rollup', () => {
  let db: TestDatabase;
  let redis: Redis;
  let config: AppConfig;
  let deps: { models: TestDatabase['models']; redis: Redis; config: AppConfig; closers: Array<() => Promise<void>> };

  beforeAll(async () => {
    db = await openTestDatabase('hhvisit');
    config = loadConfig({
      NODE_ENV: 'test',
      MONGODB_URI: db.uri,
      REDIS_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
      LOG_LEVEL: 'silent',
    });
    redis = new Redis(config.redisUrl);
    deps = { models: db.models, redis, config, closers: [] };
  });
  afterAll(async () => {
    for (const close of deps.closers) await close();
    const keys = await redis.keys(`${config.redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await db.drop();
  });

  async function buildHouseholdRef(): Promise<{ id: string; managerId: string }> {
    const m = await buildUser(db.models, { username: `hv.${randomBytes(3).toString('hex')}`, role: 'manager', branchId: '01' });
    return {
      id: String((await buildHousehold(db.models, createFieldCrypto(config.dataKeys), { managerId: m._id })).id),
      managerId: String(m._id),
    };
  }
  const visitAt = (iso: string, nextFollowUp: string | null = null, geotag: { lat: number; lng: number } | null = null) => ({
    at: new Date(iso),
    nextFollowUp,
    geotag: geotag ? { ...geotag, visitId: new Types.ObjectId() } : null,
  });
  const dirty = () => redis.smembers(`${config.redisPrefix}hhvisit:dirty`);
  const managerDirty = (managerId: string) => redis.smembers(`${config.redisPrefix}hhvisit:dirty:${managerId}`);

  it('is written behind the call, and a manager’s flush writes exactly their pending households', async () => {
    const mine = await buildHouseholdRef();
    const theirs = await buildHouseholdRef();
    await recordHouseholdVisit(deps, mine, visitAt('2026-11-28T01:30:00Z', '2026-12-05', { lat: 32.25, lng: 120.23 }));
    await recordHouseholdVisit(deps, theirs, visitAt('2026-11-28T01:40:00Z'));
    expect(await managerDirty(mine.managerId)).toEqual([mine.id]);
    expect(await flushManagerHouseholdVisits(deps, mine.managerId)).toBe(1);
    const hh = await db.models.Household.findById(mine.id).lean();
    expect(hh!.lastVisitAt?.toISOString()).toBe('2026-11-28T01:30:00.000Z');
    expect(hh!.nextFollowUp).toBe('2026-12-05');
    expect(hh!.geotag).toMatchObject({ lat: 32.25, lng: 120.23 });
    expect(await dirty()).not.toContain(mine.id);
    expect(await managerDirty(mine.managerId)).toEqual([]);
    // The other manager's household was left to the background flusher.
    expect((await db.models.Household.findById(theirs.id).lean())!.lastVisitAt ?? null).toBeNull();
    expect(await dirty()).toContain(theirs.id);
    await flushHouseholdVisits(deps);
    expect((await db.models.Household.findById(theirs.id).lean())!.lastVisitAt?.toISOString()).toBe('2026-11-28T01:40:00.000Z');
    expect(await managerDirty(theirs.managerId)).toEqual([]);
  });

  it('keeps the latest visit and the first geotag whatever order visits arrive in', async () => {
    const ref = await buildHouseholdRef();
    const id = ref.id;
    await Promise.all([
      recordHouseholdVisit(deps, ref, visitAt('2026-11-29T02:00:00Z', '2026-12-09', { lat: 32.3, lng: 120.3 })),
      recordHouseholdVisit(deps, ref, visitAt('2026-11-27T02:00:00Z', '2026-12-01', { lat: 32.1, lng: 120.1 })),
      recordHouseholdVisit(deps, ref, visitAt('2026-11-28T02:00:00Z', '2026-12-02')),
    ]);
    await flushHouseholdVisits(deps);
    const hh = await db.models.Household.findById(id).lean();
    expect(hh!.lastVisitAt?.toISOString()).toBe('2026-11-29T02:00:00.000Z');
    expect(hh!.nextFollowUp).toBe('2026-12-09');
    const state = await redis.hget(`${config.redisPrefix}hhvisit:${id}`, 'geotag');
    const won = JSON.parse(state!) as { lat: number; lng: number; visitId: string };
    // Whichever geotag won in Redis, the document agrees.
    expect({ lat: hh!.geotag!.lat, lng: hh!.geotag!.lng, visitId: String(hh!.geotag!.visitId) }).toEqual(won);
    expect(await dirty()).not.toContain(id);
  });

  it('a write that lands after a newer one leaves the household dirty, and the next flush repairs it', async () => {
    const ref = await buildHouseholdRef();
    const id = ref.id;
    await recordHouseholdVisit(deps, ref, visitAt('2026-11-29T02:00:00Z', '2026-12-03'));
    // A slow flush reads revision 1 and its write is held back; meanwhile a newer visit is
    // decided and written by the manager's flush; then the stale write lands.
    const updateOne = db.models.Household.updateOne.bind(db.models.Household);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const spy = jest
      .spyOn(db.models.Household, 'updateOne')
      .mockImplementationOnce(((...args: Parameters<typeof updateOne>) =>
        gate.then(() => updateOne(...args))) as unknown as typeof updateOne);
    const slow = flushManagerHouseholdVisits(deps, ref.managerId);
    await new Promise((r) => setTimeout(r, 50));
    spy.mockRestore();
    await recordHouseholdVisit(deps, ref, visitAt('2026-11-30T02:00:00Z', '2026-12-04'));
    await flushManagerHouseholdVisits(deps, ref.managerId);
    release();
    await slow;
    expect((await db.models.Household.findById(id).lean())!.nextFollowUp).toBe('2026-12-03'); // the stale write landed last
    expect(await dirty()).toContain(id);
    expect(await managerDirty(ref.managerId)).toContain(id);
    await flushManagerHouseholdVisits(deps, ref.managerId);
    const hh = await db.models.Household.findById(id).lean();
    expect([hh!.lastVisitAt?.toISOString(), hh!.nextFollowUp]).toEqual(['2026-11-30T02:00:00.000Z', '2026-12-04']);
    expect(await dirty()).not.toContain(id);
  });

  it('drops a pending household whose state expired from its manager’s set', async () => {
    const ref = await buildHouseholdRef();
    await recordHouseholdVisit(deps, ref, visitAt('2026-11-28T02:00:00Z'));
    await redis.del(`${config.redisPrefix}hhvisit:${ref.id}`); // the 7-day TTL ran out
    expect(await flushManagerHouseholdVisits(deps, ref.managerId)).toBe(0);
    expect(await managerDirty(ref.managerId)).toEqual([]);
  });
});

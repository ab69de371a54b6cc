import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { openTestDatabase, type TestDatabase } from '../testing/testDb';
import { buildHousehold } from '../testing/factories';
import { buildFunnelDraft, buildFunnelMark } from '../testing/funnelFactories';
import { createFieldCrypto } from '../security/fieldCrypto';
import { loadConfig } from '../src/config';
import { emptyFigures } from './funnelMarkDocs';
import { markFunnel, recordFunnelMark, settleFunnelMarks } from './funnelMarks';
import { flushFunnel, rebuildFunnelRollups } from './funnelRollup';

/** Marks and rollups against the real FerretDB and Redis. */
describe('funnel marks and rollups', () => {
  let db: TestDatabase;
  let redis: Redis;
  const redisPrefix = `test:${randomBytes(4).toString('hex')}:`;
  const deps = () => ({ models: db.models, redis, redisPrefix });
  const rollups = async () =>
    (await db.models.FunnelRollup.find({}).lean()).map(({ _id, days }) => ({ _id, days })).sort((a, b) => a._id.localeCompare(b._id));

  beforeAll(async () => {
    db = await openTestDatabase('funnel');
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await settleFunnelMarks(db.models);
    await db.drop();
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  beforeEach(async () => {
    await db.models.FunnelMark.deleteMany({});
    await db.models.FunnelRollup.deleteMany({});
  });

  it('counts a household once per stage however often, and however concurrently, the stage is reached', async () => {
    const householdId = new Types.ObjectId();
    const managerId = new Types.ObjectId();
    const visit = (hour: number) =>
      buildFunnelDraft({ householdId, managerId, chinaTime: `2026-11-20T${String(hour).padStart(2, '0')}:00:00+08:00` });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => recordFunnelMark(deps(), visit(8 + (i % 10)))));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(19);
    // A later visit, fire-and-safe as the hooks call it, changes nothing either.
    markFunnel(deps(), visit(20));
    await settleFunnelMarks(db.models);
    expect(await db.models.FunnelMark.countDocuments({})).toBe(1);

    expect(await flushFunnel(deps())).toMatchObject({ marks: 1, rollups: 1, busy: false });
    const [r] = await rollups();
    expect(r!.days).toEqual([{ ...emptyFigures(), day: '2026-11-20', visited: 1 }]);
    // Nothing pending: a second flush does nothing, and the figures stay.
    expect(await flushFunnel(deps())).toMatchObject({ marks: 0, rollups: 0 });
    expect((await rollups())[0]!.days[0]!.visited).toBe(1);
  });

  it('takes a missing attribution from the household, and skips a mark whose household does not exist', async () => {
    const crypto = createFieldCrypto(loadConfig({ NODE_ENV: 'test' }).dataKeys);
    const managerId = new Types.ObjectId();
    const h = await buildHousehold(db.models, crypto, { managerId, branchId: '02', villageCode: '321283100007' });
    const draft = buildFunnelDraft({ kind: 'approved', householdId: h._id, branchId: '02', managerId, villageCode: null, amount: 90_000 });
    expect(await recordFunnelMark(deps(), draft)).toBe('created');
    const mark = await db.models.FunnelMark.findById(`approved:${String(h._id)}`).lean();
    expect(mark).toMatchObject({
      branchId: '02',
      villageCode: '321283100007',
      managerId: String(managerId),
      amount: 90_000,
      rolledUp: false,
    });
    // Repeated, it answers from the mark's key alone.
    expect(await recordFunnelMark(deps(), draft)).toBe('duplicate');
    expect(await recordFunnelMark(deps(), buildFunnelDraft({ kind: 'approved', villageCode: null }))).toBe('unattributed');
  });

  it('a flush interrupted before clearing the pending flags recounts to the same figures', async () => {
    const managerId = new Types.ObjectId();
    for (let i = 0; i < 5; i++)
      await buildFunnelMark(db.models, { kind: 'filed', managerId, chinaTime: `2026-11-0${1 + (i % 2)}T09:00:00+08:00` });
    await buildFunnelMark(db.models, { kind: 'approved', managerId, amount: 50_000.5, chinaTime: '2026-11-02T15:00:00+08:00' });
    await flushFunnel(deps());
    const once = await rollups();
    expect(once[0]!.days).toEqual([
      { ...emptyFigures(), day: '2026-11-01', filed: 3 },
      { ...emptyFigures(), day: '2026-11-02', filed: 2, approved: 1, approvedLimit: 50_000.5 },
    ]);
    // As if the process died after writing the rollup and before clearing the flags.
    await db.models.FunnelMark.updateMany({}, { $set: { rolledUp: false } });
    await flushFunnel(deps());
    expect(await rollups()).toEqual(once);
  });

  it('leaves a mark inserted after a flush read its batch pending for the next flush', async () => {
    const managerId = new Types.ObjectId();
    await buildFunnelMark(db.models, { managerId, chinaTime: '2026-11-03T09:00:00+08:00' });
    // Flush only what is pending now (max 1), then a second mark for the same rollup arrives.
    await flushFunnel(deps(), { max: 1 });
    await buildFunnelMark(db.models, { managerId, chinaTime: '2026-11-03T11:00:00+08:00' });
    expect(await db.models.FunnelMark.countDocuments({ rolledUp: false })).toBe(1);
    await flushFunnel(deps());
    expect((await rollups())[0]!.days[0]!.visited).toBe(2);
  });

  it('refuses a second flush while one holds the lock', async () => {
    await buildFunnelMark(db.models);
    const key = `${redisPrefix}funnel:flush-lock:${db.name}`;
    await redis.set(key, 'someone-else', 'PX', 5_000);
    expect(await flushFunnel(deps())).toEqual({ marks: 0, rollups: 0, busy: true });
    await redis.del(key);
    expect((await flushFunnel(deps())).marks).toBe(1);
  });

  it('rebuild gives exactly the rollups the flushes gave, across months, branches and managers', async () => {
    const managers = [new Types.ObjectId(), new Types.ObjectId()];
    const kinds = ['visited', 'filed', 'evaluated', 'approved', 'synced', 'signed', 'used'] as const;
    for (let i = 0; i < 40; i++) {
      const kind = kinds[i % kinds.length]!;
      await buildFunnelMark(db.models, {
        kind,
        managerId: managers[i % 2],
        branchId: i % 3 ? '01' : '02',
        amount: kind === 'approved' || kind === 'signed' ? 1000 * (i + 1) + 0.25 : null,
        chinaTime: `2026-${i % 4 ? '11' : '12'}-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00+08:00`,
      });
    }
    await buildFunnelMark(db.models, { kind: 'drawdown', subject: 'app:dd1', amount: 3_000.75, chinaTime: '2026-12-05T10:00:00+08:00' });
    await flushFunnel(deps());
    const flushed = await rollups();
    expect(flushed.length).toBeGreaterThan(4);
    await db.models.FunnelRollup.deleteMany({});
    await db.models.FunnelRollup.create({
      _id: '2020-01|99|x|y',
      month: '2020-01',
      branchId: '99',
      villageCode: 'x',
      managerId: 'y',
      computedAt: new Date(),
    });
    expect(await rebuildFunnelRollups(deps())).toEqual({ marks: 41, rollups: flushed.length });
    expect(await rollups()).toEqual(flushed);
  });
});

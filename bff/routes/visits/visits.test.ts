import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildJpeg, buildPhotoFields, postPhoto } from '../../testing/evidenceFactories';
import { invalidateHouseholdFacts } from '../../visits/householdVisitState';

const home = { lat: 32.25, lng: 120.23 };
const north = (m: number) => ({ lat: home.lat + m / 111_195, lng: home.lng });

/** A visit as the phone sends it. */
function buildVisit(householdId: string, overrides: Record<string, unknown> = {}) {
  return {
    clientId: randomUUID(),
    householdId,
    location: { ...home, accuracy: 35, at: '2026-11-28T09:30:00+08:00' },
    notes: '户主在家,介绍阳光信贷',
    products: ['sunshine_credit', 'mobile_banking'],
    creditNeed: { amount: 100000, purpose: '扩大养殖' },
    outcome: 'interested',
    nextFollowUp: '2026-12-05',
    ...overrides,
  };
}

describe('visits', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let mine: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp();
    const m1 = await buildUser(t.db.models, { username: 'v.m1', role: 'manager', branchId: '01' });
    const m2 = await buildUser(t.db.models, { username: 'v.m2', role: 'manager', branchId: '01' });
    await buildUser(t.db.models, { username: 'v.bp', role: 'branch_president', branchId: '01' });
    mine = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    other = String((await buildHousehold(t.db.models, t.crypto, { managerId: m2._id })).id);
    for (const u of ['v.m1', 'v.m2', 'v.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const post = (body: unknown, who = 'v.m1') => t.api.post('/api/v1/visits', body, tok[who]);

  it('the first verified visit sets the geotag; later ones are measured against it', async () => {
    const first = await post(buildVisit(mine));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ distanceM: null, proof: { level: 'located' }, outcome: 'interested' });
    // The rollup reaches the household document behind the request; the manager's own list
    // read writes it at once.
    await t.api.get('/api/v1/households', tok['v.m1']);
    const hh = await t.db.models.Household.findById(mine).lean();
    expect(hh!.geotag).toMatchObject(home);

    const near = await post(buildVisit(mine, { location: { ...north(60), accuracy: 20, at: '2026-11-29T10:00:00+08:00' } }));
    expect(near.body).toMatchObject({ distanceM: 60, proof: { level: 'located', reasons: [] } });
    const far = await post(buildVisit(mine, { location: { ...north(900), accuracy: 20, at: '2026-11-29T11:00:00+08:00' } }));
    expect(far.body.proof).toEqual({ level: 'unverified', reasons: ['距该户900米,超出100米核实范围'] });
  });

  it('the same visit sent 10 times gives 1 record', async () => {
    const body = buildVisit(mine, { notes: '重复提交测试' });
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await t.db.models.Visit.countDocuments({ notes: '重复提交测试' })).toBe(1);
    const changed = await post({ ...body, notes: '同一编号的另一次走访' });
    expect([changed.status, changed.body.error.field]).toEqual([422, 'clientId']);
    // Another manager's phone may generate the same client id without colliding.
    const otherManager = await post(buildVisit(other, { clientId: body.clientId }), 'v.m2');
    expect(otherManager.status).toBe(201);
  });

  it('feeds the visited / not-yet-visited / follow-up lists as soon as the submit answers', async () => {
    const ids = (status: string) =>
      t.api.get(`/api/v1/households?status=${status}`, tok['v.m1']).then((r) => r.body.data.map((h: { id: string }) => h.id));
    expect(await ids('visited')).toEqual([mine]);
    expect(await ids('not_visited')).toEqual([]);
    const detail = (await t.api.get('/api/v1/households?status=visited', tok['v.m1'])).body.data[0];
    expect(detail.lastVisitAt).toBe('2026-11-29T03:00:00.000Z'); // the latest visit, 11:00 in China
    expect(await ids('follow_up_due')).toEqual([]); // follow-up is on 2026-12-05, after today
  });

  it('lists a household’s visits newest first, within scope', async () => {
    const res = await t.api.get(`/api/v1/households/${mine}/visits?pageSize=2`, tok['v.bp']);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.data[0].at >= res.body.data[1].at).toBe(true);
    expect((await t.api.get(`/api/v1/households/${mine}/visits`, tok['v.m2'])).status).toBe(404);
  });

  it('refuses visits to households outside the manager’s scope and bad input', async () => {
    expect((await post(buildVisit(other))).status).toBe(404);
    const bad = await post(buildVisit(mine, { location: { lat: 95, lng: 120, accuracy: 10, at: '2026-11-28T09:30:00+08:00' } }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('location.lat');
    const noOutcome = await post({ ...buildVisit(mine), outcome: undefined });
    expect(noOutcome.body.error.field).toBe('outcome');
    expect((await post(buildVisit(mine), 'v.bp')).status).toBe(403);
  });
});

describe('visit evidence: photos, recordedBy, teleports', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let hh: string;
  let hhOther: string;
  let hhM2: string;

  beforeAll(async () => {
    t = await startTestApp();
    const m1 = await buildUser(t.db.models, { username: 'e.m1', role: 'manager', branchId: '01' });
    const m2 = await buildUser(t.db.models, { username: 'e.m2', role: 'manager', branchId: '01' });
    ids.m1 = String(m1._id);
    ids.m2 = String(m2._id);
    hh = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    hhOther = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    hhM2 = String((await buildHousehold(t.db.models, t.crypto, { managerId: m2._id })).id);
    for (const u of ['e.m1', 'e.m2']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const post = (body: unknown, who = 'e.m1') => t.api.post('/api/v1/visits', body, tok[who]);
  const photo = async (householdId: string, takenAt = '2026-11-28T09:25:00+08:00', who = 'e.m1', seed = 1) =>
    (await postPhoto(t, tok[who], buildPhotoFields(householdId, { takenAt }), buildJpeg(1500, seed))).body as {
      id: string;
      sha256: string;
    };

  it('attaches the manager’s photos, raises proof to photographed and signs photo URLs', async () => {
    const [a, b] = [await photo(hh, undefined, 'e.m1', 1), await photo(hh, '2026-11-28T09:40:00+08:00', 'e.m1', 2)];
    const res = await post(buildVisit(hh, { photoIds: [a.id, b.id] }));
    expect(res.status).toBe(201);
    expect(res.body.proof.level).toBe('photographed');
    expect(res.body.recordedBy).toBe(ids.m1);
    expect(res.body.confirmation).toEqual({ confirmed: false, confirmedAt: null });
    expect(res.body.photos.map((p: { id: string; sha256: string }) => [p.id, p.sha256])).toEqual([
      [a.id, a.sha256],
      [b.id, b.sha256],
    ]);
    expect((await fetch(`${t.baseUrl}${res.body.photos[0].url}`)).status).toBe(200);
    const read = await t.api.get(`/api/v1/visits/${res.body.id}`, tok['e.m1']);
    expect(read.status).toBe(200);
    expect(read.body.photos).toHaveLength(2);
  });

  it.each([
    ['another household’s photo', async () => (await photo(hhOther)).id],
    ['another manager’s photo', async () => (await photo(hhM2, undefined, 'e.m2')).id],
    ['a photo taken hours away from the fix', async () => (await photo(hh, '2026-11-28T05:00:00+08:00')).id],
    ['a photo that does not exist', async () => '0123456789abcdef01234567'],
  ])('refuses %s with 400 naming photoIds', async (_label, makeId) => {
    const res = await post(buildVisit(hh, { photoIds: [await makeId()] }));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('photoIds');
  });

  it('refuses the same photo twice in one visit', async () => {
    const p = await photo(hh);
    const res = await post(buildVisit(hh, { photoIds: [p.id, p.id] }));
    expect([res.status, res.body.error.field]).toEqual([400, 'photoIds']);
  });

  it('keeps recordedBy when the household is transferred, and the new manager sees the visit', async () => {
    const res = await post(buildVisit(hhOther, { location: { ...home, accuracy: 30, at: '2026-11-28T14:00:00+08:00' } }));
    expect(res.status).toBe(201);
    // A manager transfer reassigns scope fields on households and visits, never recordedBy.
    await t.db.models.Household.updateOne({ _id: hhOther }, { $set: { managerId: ids.m2 } });
    await t.db.models.Visit.updateMany({ householdId: hhOther }, { $set: { managerId: ids.m2, recordedBy: ids.m2 } });
    const read = await t.api.get(`/api/v1/visits/${res.body.id}`, tok['e.m2']);
    expect(read.status).toBe(200);
    expect(read.body.managerId).toBe(ids.m2);
    expect(read.body.recordedBy).toBe(ids.m1);
    expect((await t.api.get(`/api/v1/visits/${res.body.id}`, tok['e.m1'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/visits/${res.body.id}`)).status).toBe(401);
    // The transfer drops cached household facts; from then on the old manager is refused.
    await invalidateHouseholdFacts(t.redis, t.config.redisPrefix);
    expect((await post(buildVisit(hhOther, { location: { ...home, accuracy: 30, at: '2026-11-28T15:00:00+08:00' } }))).status).toBe(404);
    expect((await post(buildVisit(hhOther, { location: { ...home, accuracy: 30, at: '2026-11-28T15:00:00+08:00' } }), 'e.m2')).status).toBe(
      201,
    );
  });

  it('flags an impossible speed between the manager’s consecutive fixes as a teleport', async () => {
    // 30 km north, 10 minutes after a fix at home: 180 km/h.
    const far = { lat: home.lat + 30_000 / 111_195, lng: home.lng, accuracy: 20 };
    const hhFar = String(
      (await buildHousehold(t.db.models, t.crypto, { managerId: new (await import('mongoose')).Types.ObjectId(ids.m1) })).id,
    );
    await post(buildVisit(hhFar, { location: { ...home, accuracy: 20, at: '2026-11-30T10:00:00+08:00' } }));
    const jump = await post(buildVisit(hhFar, { location: { ...far, at: '2026-11-30T10:10:00+08:00' } }));
    expect(jump.status).toBe(201);
    expect(jump.body.proof.level).toBe('unverified');
    expect(jump.body.proof.reasons.join()).toContain('移动速度不合理');
    // Two hours later the same distance is a plausible drive.
    const drive = await post(buildVisit(hhFar, { location: { ...far, at: '2026-11-30T12:10:00+08:00' } }));
    expect(drive.body.proof.reasons.join()).not.toContain('移动速度不合理');
  });
});

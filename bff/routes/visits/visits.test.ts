import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';

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
  });

  it('feeds the visited / not-yet-visited / follow-up lists', async () => {
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

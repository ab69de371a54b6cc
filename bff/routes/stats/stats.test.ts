import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildHouseholdFile, buildIdNumber, buildUser, buildVillage, TEST_PASSWORD } from '../../testing/factories';
import { readManagerStats } from '../../stats/statsRollup';
import { RegionDirectory } from '../../src/regionDirectory';

const home = { lat: 32.25, lng: 120.23 };

describe('manager statistics', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let managerId: string;
  const hh: string[] = [];
  const V1 = '321283100031';
  const V2 = '321283100032';

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    const m1 = await buildUser(m, { username: 's.m1', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 's.m2', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 's.bp', role: 'branch_president', branchId: '01' });
    managerId = String(m1._id);
    await buildVillage(m, { code: V1, name: '东风村', branchId: '01', managerId: m1._id });
    await buildVillage(m, { code: V2, name: '红星村', branchId: '01', managerId: m1._id });
    for (const village of [V1, V1, V2])
      hh.push(String((await buildHousehold(m, t.crypto, { managerId: m1._id, villageCode: village })).id));
    for (const u of ['s.m1', 's.m2', 's.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const visit = (householdId: string, at: string) =>
    t.api.post(
      '/api/v1/visits',
      { clientId: randomUUID(), householdId, location: { ...home, accuracy: 30, at }, outcome: 'interested' },
      tok['s.m1'],
    );
  const services = () => ({ models: t.db.models, redis: t.redis, config: t.config, regions: new RegionDirectory(t.db.models) });

  it('counts this week’s and this month’s visits in China time, weeks from Monday', async () => {
    for (const at of [
      '2026-11-15T10:00:00+08:00', // earlier in November: neither
      '2026-11-29T23:59:00+08:00', // Sunday before: neither
      '2026-11-30T09:00:00+08:00', // Monday: this week, last month
      '2026-12-01T00:30:00+08:00', // both (still 30 November in UTC)
      '2026-12-02T09:00:00+08:00', // both
    ]) {
      expect((await visit(hh[0]!, at)).status).toBe(201);
    }
    const stats = await readManagerStats(services(), managerId, new Date('2026-12-02T10:00:00+08:00'));
    expect([stats.visitsThisWeek, stats.visitsThisMonth]).toEqual([3, 2]);
    const nextMonth = await readManagerStats(services(), managerId, new Date('2027-01-04T10:00:00+08:00'));
    expect([nextMonth.visitsThisWeek, nextMonth.visitsThisMonth]).toEqual([0, 0]);
  });

  it('reports filed households and village coverage, and follows new visits', async () => {
    const filed = await t.api.post(
      '/api/v1/households',
      {
        ...buildHouseholdFile({
          villageCode: V2,
          members: [
            {
              relation: 'head',
              name: '周国庆',
              idNumber: buildIdNumber('1975-10-01', 811),
              phone: null,
              education: 'primary_or_below',
              maritalStatus: 'married',
              occupation: '',
            },
          ],
        }),
        clientId: randomUUID(),
      },
      tok['s.m1'],
    );
    if (filed.status !== 201) throw new Error(JSON.stringify(filed.body));
    // The rollup is recomputed when it is older than its maximum age, or after a visit.
    await t.db.models.ManagerStats.deleteMany({});
    const res = await t.api.get('/api/v1/me/stats', tok['s.m1']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      householdsFiled: 1,
      coverage: {
        villages: 2,
        visitedVillages: 1,
        ratio: 0.5,
        byVillage: [
          { code: V1, name: '东风村', households: 2, visitedHouseholds: 1 },
          { code: V2, name: '红星村', households: 2, visitedHouseholds: 0 },
        ],
      },
    });
    const unchanged = await t.api.get('/api/v1/me/stats', tok['s.m1']);
    expect(unchanged.body.asOf).toBe(res.body.asOf); // read from the rollup, not recomputed

    expect((await visit(hh[2]!, new Date().toISOString())).status).toBe(201);
    const after = (await t.api.get('/api/v1/me/stats', tok['s.m1'])).body;
    expect(after.coverage).toMatchObject({ visitedVillages: 2, ratio: 1 });
    expect(after.visitsThisWeek).toBeGreaterThanOrEqual(1);
    expect(after.visitsThisMonth).toBe(res.body.visitsThisMonth + 1);
  });

  it('shows another manager only their own figures, and is for managers only', async () => {
    const other = await t.api.get('/api/v1/me/stats', tok['s.m2']);
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ visitsThisWeek: 0, visitsThisMonth: 0, householdsFiled: 0, coverage: { villages: 0, ratio: 0 } });
    expect((await t.api.get('/api/v1/me/stats', tok['s.bp'])).status).toBe(403);
    expect((await t.api.get('/api/v1/me/stats')).status).toBe(401);
  });
});

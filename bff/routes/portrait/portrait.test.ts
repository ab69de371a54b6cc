import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildIdNumber, buildUser, TEST_PASSWORD } from '../../testing/factories';
import { addSpouse, buildOdsImport, buildOdsSnapshot } from '../../testing/portraitFactories';
import { buildHouseholdPortraits } from '../../ods/buildHouseholdPortraits';
import { flushPortraitCache, PORTRAIT_LOCAL_TTL_MS } from '../../commands/portraitCache';

describe('GET /households/{id}/portrait', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let mine: string;
  let quiet: string;
  const headId = buildIdNumber('1975-02-14', 311);
  const headPhone = '13812340001';
  let spouse: { idNumber: string; phone: string };

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    const m1 = await buildUser(m, { username: 'p.m1', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 'p.m2', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 'p.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(m, { username: 'p.bp2', role: 'branch_president', branchId: '02' });
    await buildUser(m, { username: 'p.hq', role: 'hq_marketing', branchId: null });
    const h = await buildHousehold(m, t.crypto, { managerId: m1._id, headName: '王建军', idNumber: headId, phone: headPhone });
    spouse = await addSpouse(m, t.crypto, h._id, { name: '李秀英' });
    mine = String(h._id);
    quiet = String((await buildHousehold(m, t.crypto, { managerId: m1._id, idNumber: buildIdNumber('1960-01-01', 411) }))._id);

    // Two business dates: deposits fall from 10万 to 7.5万 (-25%), the head has no mobile banking.
    await buildOdsImport(m, '2026-11-30');
    await buildOdsImport(m, '2026-12-01');
    await buildOdsImport(m, '2026-12-02', 'failed'); // never shown: its import did not complete
    await buildOdsSnapshot(m, t.crypto, '2026-11-30', headId, { demand: 30000, time: 60000, loan: 0 });
    await buildOdsSnapshot(m, t.crypto, '2026-11-30', spouse.idNumber, { demand: 10000, mobile: true });
    await buildOdsSnapshot(m, t.crypto, '2026-12-01', headId, { demand: 20000, time: 50000, avg1y: 82000.5 });
    await buildOdsSnapshot(m, t.crypto, '2026-12-01', spouse.idNumber, { demand: 5000, mobile: true, ebank: true });
    await buildOdsSnapshot(m, t.crypto, '2026-12-02', headId, { demand: 1 });
    await buildHouseholdPortraits(m);

    for (const u of ['p.m1', 'p.m2', 'p.bp1', 'p.bp2', 'p.hq']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
    const visit = (at: string, outcome: string) =>
      t.api.post(
        '/api/v1/visits',
        {
          clientId: randomUUID(),
          householdId: mine,
          location: { lat: 32.25, lng: 120.23, accuracy: 30, at },
          notes: '介绍手机银行',
          products: ['mobile_banking'],
          outcome,
        },
        tok['p.m1'],
      );
    expect((await visit('2026-11-20T09:00:00+08:00', 'not_home')).status).toBe(201);
    expect((await visit('2026-11-28T10:00:00+08:00', 'interested')).status).toBe(201);
  });
  afterAll(() => t.stop());

  const get = (id: string, who?: string) => t.api.get(`/api/v1/households/${id}/portrait`, who ? tok[who] : undefined);

  it('requires authentication', async () => {
    expect((await get(mine)).status).toBe(401);
  });

  it('rejects a malformed id naming it', async () => {
    const res = await get('nope', 'p.m1');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('id');
  });

  it('shows the responsible manager deposits, loans, wealth and e-banking per member and for the household', async () => {
    const res = await get(mine, 'p.m1');
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p).toMatchObject({ householdId: mine, headName: '王**', businessDate: '2026-12-01', rulesVersion: 'portrait-tags-v1' });
    expect(p.members).toHaveLength(2);
    expect(p.members[0]).toMatchObject({
      relation: 'head',
      name: '王**',
      figures: {
        deposit: { demand: 20000, time: 50000, total: 70000, avg1y: 82000.5 },
        loan: { count: 0, balance: 0, overdueAmount: 0, overdueDays: 0 },
        ebank: { ebank: false, mobile: false },
      },
    });
    expect(p.members[1]).toMatchObject({ relation: 'spouse', name: '李**', figures: { ebank: { mobile: true } } });
    expect(p.household).toMatchObject({ deposit: { total: 75000 }, ebank: { ebank: true, mobile: true }, wealth: { balance: 0 } });
    expect(p.series).toEqual({ dates: ['2026-11-30', '2026-12-01'], deposits: [100000, 75000], loans: [0, 0], wealth: [0, 0] });
    expect(p.creditStatus).toEqual({ state: 'none', limit: null, signedLimit: null, usedAmount: null, updatedAt: null });
  });

  it('derives tags with the suggested product and the reason', async () => {
    const p = (await get(mine, 'p.m1')).body;
    const byCode = Object.fromEntries(p.tags.map((tag: { code: string }) => [tag.code, tag]));
    expect(byCode.large_deposit_no_mobile).toMatchObject({
      product: 'mobile_banking',
      productLabel: '手机银行',
      reason: '存款7.00万元,尚未开通手机银行',
      memberId: p.members[0].memberId,
    });
    expect(byCode.deposit_no_wealth).toMatchObject({ productLabel: '理财', memberId: null });
    expect(byCode.good_standing_no_loan).toMatchObject({ productLabel: '阳光信贷' });
    expect(byCode.deposits_falling.reason).toContain('25%');
    expect(byCode.overdue_risk).toBeUndefined();
  });

  it('lists the household’s visits newest first', async () => {
    const p = (await get(mine, 'p.m1')).body;
    expect(p.visitsTotal).toBe(2);
    expect(p.visits.map((v: { outcome: string }) => v.outcome)).toEqual(['interested', 'not_home']);
    expect(p.visits[0]).toMatchObject({ at: '2026-11-28T02:00:00.000Z', products: ['mobile_banking'], proofLevel: expect.any(String) });
  });

  it('a visit recorded after the portrait was cached shows on the next read', async () => {
    const before = (await get(mine, 'p.m1')).body; // cached now
    expect(before.visitsTotal).toBe(2);
    const res = await t.api.post(
      '/api/v1/visits',
      {
        clientId: randomUUID(),
        householdId: mine,
        location: { lat: 32.25, lng: 120.23, accuracy: 30, at: '2026-11-30T15:00:00+08:00' },
        notes: '再次回访',
        outcome: 'follow_up',
      },
      tok['p.m1'],
    );
    expect(res.status).toBe(201);
    // This process may serve its in-memory copy for PORTRAIT_LOCAL_TTL_MS; then Redis says a newer visit exists.
    await new Promise((r) => setTimeout(r, PORTRAIT_LOCAL_TTL_MS + 50));
    const after = (await get(mine, 'p.m1')).body;
    expect(after.visitsTotal).toBe(3);
    expect(after.visits[0]).toMatchObject({ outcome: 'follow_up', notes: '再次回访' });
  });

  it('a household the ODS does not know gets the no-record tag and no figures', async () => {
    const p = (await get(quiet, 'p.m1')).body;
    expect(p.members[0].figures).toBeNull();
    expect(p.household).toBeNull();
    expect(p.tags.map((x: { code: string }) => x.code)).toEqual(['no_bank_record']);
  });

  it('masks personal data: no ID number or phone in clear, names masked', async () => {
    for (const who of ['p.m1', 'p.bp1', 'p.hq']) {
      const res = await get(mine, who);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      for (const clear of [headId, headPhone, spouse.idNumber, spouse.phone, '王建军', '李秀英']) expect(text).not.toContain(clear);
      expect(res.body.members[0].idNumber).toBe(`${headId.slice(0, 4)}**********${headId.slice(-4)}`);
    }
  });

  it('is 404 outside the data scope, the same as a missing household, cached or not', async () => {
    await flushPortraitCache(t.redis, t.config.redisPrefix);
    const missing = await get('0123456789abcdef01234567', 'p.m2');
    for (let pass = 0; pass < 2; pass++) {
      for (const who of ['p.m2', 'p.bp2']) {
        const res = await get(mine, who);
        expect(res.status).toBe(404);
        expect(res.body).toEqual(missing.body);
      }
      expect((await get(mine, 'p.m1')).status).toBe(200); // fills the cache for the second pass
    }
  });

  it('a rebuild after a new business date shows it once the cache is dropped', async () => {
    await buildOdsImport(t.db.models, '2026-12-03');
    await buildOdsSnapshot(t.db.models, t.crypto, '2026-12-03', headId, {
      demand: 20000,
      time: 50000,
      loan: 30000,
      overdue: 2000,
      overdueDays: 12,
    });
    const r = await buildHouseholdPortraits(t.db.models);
    expect(r).toMatchObject({ businessDate: '2026-12-03', dates: ['2026-11-30', '2026-12-01', '2026-12-03'], households: 2 });
    expect(await t.db.models.HouseholdPortrait.countDocuments()).toBe(2); // older builds removed
    await flushPortraitCache(t.redis, t.config.redisPrefix);
    const p = (await get(mine, 'p.m1')).body;
    expect(p.businessDate).toBe('2026-12-03');
    expect(p.series.loans).toEqual([0, 0, 30000]);
    expect(p.tags.find((x: { code: string }) => x.code === 'overdue_risk')).toMatchObject({ severity: 'risk', product: null });
    expect(p.members[1].figures).toBeNull(); // the spouse has no row on the new date
  });
});

import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';
import { openidFor } from '../../../mock-wechat/src/app';

const home = { lat: 32.25, lng: 120.23 };
const visitBody = (householdId: string, at: string) => ({
  clientId: randomUUID(),
  householdId,
  location: { ...home, accuracy: 30, at },
  outcome: 'interested',
});

describe('customer confirmation of a visit', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let hh: string;
  let visitSeq = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const m1 = await buildUser(t.db.models, { username: 'c.m1', role: 'manager', branchId: '01', name: '王经理' });
    const m2 = await buildUser(t.db.models, { username: 'c.m2', role: 'manager', branchId: '01' });
    await buildUser(t.db.models, { username: 'c.bp', role: 'branch_president', branchId: '01' });
    hh = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    // A staff member's WeChat, bound to their account.
    await t.db.models.WechatBinding.create({ _id: openidFor('staffer'), userId: m2._id });
    for (const u of ['c.m1', 'c.m2', 'c.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  /** A fresh visit by c.m1, an hour apart from the previous so no fix looks like a teleport. */
  const newVisit = async () => {
    visitSeq += 1;
    const at = new Date(Date.UTC(2026, 10, 1, 0, 0) + visitSeq * 3_600_000).toISOString();
    const res = await t.api.post('/api/v1/visits', visitBody(hh, at), tok['c.m1']);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const ask = (visitId: string, who = 'c.m1') => t.api.post(`/api/v1/visits/${visitId}/confirmation`, {}, tok[who]);
  const confirm = (code: string, person: string) =>
    t.api.post('/api/v1/public/visit-confirmations', { code, wxCode: `sim-code-${person}.${randomUUID().slice(0, 8)}` });

  it('issues a short-lived code drawn as a mini-program code for the confirm page', async () => {
    const visitId = await newVisit();
    const before = Date.now();
    const res = await ask(visitId);
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const expiresIn = Date.parse(res.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(4.9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000 + 2000);
    expect(res.body.page).toBe(`/subpackages/evidence/pages/confirm/index?scene=${res.body.code}`);
    const png = Buffer.from(res.body.qrImage.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const issued = (await (await fetch(`${t.config.wechat.apiBase}/admin/wxacodes`)).json()) as Array<{ scene: string; page: string }>;
    expect(issued.at(-1)).toMatchObject({ scene: res.body.code, page: 'subpackages/evidence/pages/confirm/index' });
  });

  it('lets the customer confirm once, raising the proof level; the code is single-use', async () => {
    const visitId = await newVisit();
    const { code } = (await ask(visitId)).body;
    const ok = await confirm(code, 'farmer-li');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ visitId, managerName: '王经理' });
    const visit = (await t.api.get(`/api/v1/visits/${visitId}`, tok['c.m1'])).body;
    expect(visit.proof.level).toBe('confirmed');
    expect(visit.confirmation).toEqual({ confirmed: true, confirmedAt: ok.body.confirmedAt });
    const stored = await t.db.models.VisitConfirmation.findById(visitId).lean();
    expect(stored!.openidHash).not.toContain(openidFor('farmer-li'));

    const reused = await confirm(code, 'farmer-li');
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ id: 'visit_confirmation.used', message: '该二维码已使用,请客户经理重新生成' });
    const again = await ask(visitId);
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('visit_confirmation.already_confirmed');
  });

  it('refuses an expired code with 410', async () => {
    const visitId = await newVisit();
    const { code } = (await ask(visitId)).body;
    // Let Redis expire the code as it would after five minutes.
    for (const key of await t.redis.keys(`${t.config.redisPrefix}visitconfirm:code:*`)) await t.redis.pexpire(key, 1);
    await new Promise((r) => setTimeout(r, 20));
    const res = await confirm(code, 'farmer-zhao');
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({ id: 'visit_confirmation.expired', message: '二维码已过期,请客户经理重新生成' });
    expect((await confirm('AAAAAAAAAAAAAAAAAAAAAA', 'farmer-zhao')).status).toBe(410);
  });

  it('does not burn the code on a failed WeChat login or a staff member’s WeChat', async () => {
    const visitId = await newVisit();
    const { code } = (await ask(visitId)).body;
    const badLogin = await t.api.post('/api/v1/public/visit-confirmations', { code, wxCode: 'forged' });
    expect([badLogin.status, badLogin.body.error.field]).toEqual([400, 'wxCode']);
    const staff = await confirm(code, 'staffer');
    expect(staff.status).toBe(403);
    expect((await confirm(code, 'farmer-sun')).status).toBe(201);
  });

  it('lets exactly one of two racing confirmations of a visit in', async () => {
    const visitId = await newVisit();
    const [a, b] = [(await ask(visitId)).body.code, (await ask(visitId)).body.code];
    const results = await Promise.all([confirm(a, 'farmer-wu'), confirm(b, 'farmer-zheng')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.db.models.VisitConfirmation.countDocuments({ _id: visitId })).toBe(1);
  });

  it('requires auth, scope and the visiting manager; validates the code', async () => {
    const visitId = await newVisit();
    expect((await t.api.post(`/api/v1/visits/${visitId}/confirmation`, {})).status).toBe(401);
    expect((await ask(visitId, 'c.m2')).status).toBe(404);
    expect((await ask('0123456789abcdef01234567')).status).toBe(404);
    expect((await ask(visitId, 'c.bp')).status).toBe(403);
    const bad = await t.api.post('/api/v1/public/visit-confirmations', { code: 'short', wxCode: 'sim-code-x' });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'code']);
    const noWx = await t.api.post('/api/v1/public/visit-confirmations', { code: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect([noWx.status, noWx.body.error.field]).toEqual([400, 'wxCode']);
  });
});

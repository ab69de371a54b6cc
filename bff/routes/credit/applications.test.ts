import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, buildOdsSnapshot, chinaDay, warmV7Checks } from '../../testing/creditFactories';

/** Submitting applications; V7 is not running (closed port): checks come from the warmed Redis cache. */
describe('credit applications', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    t = await startTestApp({ env: { V7_BASE_URL: 'http://127.0.0.1:9' } });
    const { models } = t.db;
    m1 = await buildUser(models, { username: 'a.m1', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'a.m2', role: 'manager', branchId: '02' });
    await buildUser(models, { username: 'a.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 'a.bp2', role: 'branch_president', branchId: '02' });
    await buildUser(models, { username: 'a.hq', role: 'hq_credit', branchId: null });
    for (const u of ['a.m1', 'a.m2', 'a.bp1', 'a.bp2', 'a.hq']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  /** A household of m1 with fresh checks, and a new evaluation of its head. */
  async function evaluated(opts: { warm?: boolean; blacklist?: boolean } = {}) {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    if (opts.warm !== false) await warmV7Checks(t, h.idIndex);
    if (opts.blacklist) await buildOdsSnapshot(t.db.models, h.idIndex, chinaDay(-1), { blacklist: true });
    const ev = await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['a.m1']);
    expect(ev.status).toBe(201);
    return { h, ev: ev.body };
  }
  const submit = (evaluationId: unknown, who = 'a.m1') => t.api.post('/api/v1/credit/applications', { evaluationId }, tok[who]);

  it('requires a login, a submitting role, a valid id and an evaluation in scope', async () => {
    const { ev } = await evaluated();
    expect((await t.api.post('/api/v1/credit/applications', { evaluationId: ev.id })).status).toBe(401);
    expect((await submit(ev.id, 'a.hq')).status).toBe(403);
    const bad = await t.api.post('/api/v1/credit/applications', {}, tok['a.m1']);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('evaluationId');
    expect((await submit(ev.id, 'a.m2')).status).toBe(404);
    expect((await submit(ev.id, 'a.bp2')).status).toBe(404);
  });

  it('turns a pass into an application awaiting level 1, without a sync state', async () => {
    const { h, ev } = await evaluated();
    const res = await submit(ev.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending_level1',
      evaluationId: ev.id,
      householdId: h.id,
      decision: 'pass',
      limit: 90_000,
      approvalLevels: 1,
      approvals: [],
      submittedBy: String(m1._id),
    });
    expect(res.body.idNumber).toMatch(/^3212\*{10}\d{3}[\dX]$/);
    expect(res.body).not.toHaveProperty('sync');
    expect(await t.db.models.PendingApplicationClaim.findById(h.idIndex).lean()).toMatchObject({ applicationId: expect.anything() });
  });

  it('refuses incomplete and rejected evaluations', async () => {
    const incomplete = await evaluated({ warm: false });
    expect(incomplete.ev.decision).toBe('incomplete');
    const r1 = await submit(incomplete.ev.id);
    expect(r1.status).toBe(409);
    expect(r1.body.error).toMatchObject({ id: 'credit.evaluation_not_eligible', field: 'evaluationId' });
    const rejected = await evaluated({ blacklist: true });
    expect(rejected.ev.decision).toBe('reject');
    expect((await submit(rejected.ev.id)).body.error.id).toBe('credit.evaluation_not_eligible');
  });

  it('refuses an evaluation older than the window', async () => {
    const { ev } = await evaluated();
    await t.db.models.CreditEvaluation.updateOne({ _id: ev.id }, { $set: { asOf: chinaDay(-8) } });
    const res = await submit(ev.id);
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('credit.evaluation_stale');
  });

  it('refuses a second pending application for the same person, and the same evaluation twice', async () => {
    const { h, ev } = await evaluated();
    expect((await submit(ev.id)).status).toBe(201);
    const again = await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['a.m1']);
    const second = await submit(again.body.id);
    expect(second.status).toBe(409);
    expect(second.body.error.id).toBe('credit.application_pending');
    expect((await submit(ev.id)).status).toBe(409);
    expect(await t.db.models.CreditApplication.countDocuments({ idIndex: h.idIndex })).toBe(1);
  });

  it('of concurrent submissions for one person exactly one wins', async () => {
    const { h } = await evaluated();
    const evs = await Promise.all(
      Array.from({ length: 6 }, () => t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['a.m1']).then((r) => r.body.id)),
    );
    const results = await Promise.all(evs.map((id) => submit(id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await t.db.models.CreditApplication.countDocuments({ idIndex: h.idIndex })).toBe(1);
  });

  it('a claim left by a crashed submission does not block the person for ever', async () => {
    const { h, ev } = await evaluated();
    await t.db.models.PendingApplicationClaim.create({
      _id: h.idIndex,
      applicationId: '0123456789abcdef01234567',
      createdAt: new Date(Date.now() - 5 * 60_000),
    });
    expect((await submit(ev.id)).status).toBe(201);
  });

  it('reads and lists applications within scope; a branch president sees the branch queue', async () => {
    const { ev } = await evaluated();
    const app = (await submit(ev.id)).body;
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['a.m1'])).body.id).toBe(app.id);
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['a.bp1'])).status).toBe(200);
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['a.hq'])).status).toBe(200);
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['a.m2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['a.bp2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`)).status).toBe(401);

    const queue = await t.api.get('/api/v1/credit/applications?status=pending_level1', tok['a.bp1']);
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((a: { id: string }) => a.id)).toContain(app.id);
    expect(queue.body.total).toBe(queue.body.data.length);
    expect((await t.api.get('/api/v1/credit/applications?status=pending_level1', tok['a.bp2'])).body).toEqual({ data: [], total: 0 });
    expect((await t.api.get('/api/v1/credit/applications?status=nope', tok['a.bp1'])).body.error.field).toBe('status');
    expect((await t.api.get('/api/v1/credit/applications')).status).toBe(401);
  });
});

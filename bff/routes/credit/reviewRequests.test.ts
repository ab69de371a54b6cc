import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, buildOdsSnapshot, chinaDay, warmV7Checks } from '../../testing/creditFactories';

/** Human review of automated rejections (PIPL art. 24). V7 checks from the warmed Redis cache. */
describe('credit review requests', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    t = await startTestApp({ env: { V7_BASE_URL: 'http://127.0.0.1:9' } });
    const { models } = t.db;
    m1 = await buildUser(models, { username: 'r.m1', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'r.m2', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'r.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 'r.bp2', role: 'branch_president', branchId: '02' });
    for (const u of ['r.m1', 'r.m2', 'r.bp1', 'r.bp2']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  async function evaluation(opts: { blacklist?: boolean } = {}) {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    await warmV7Checks(t, h.idIndex);
    if (opts.blacklist) await buildOdsSnapshot(t.db.models, h.idIndex, chinaDay(-1), { blacklist: true });
    return (await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['r.m1'])).body;
  }
  const ask = (id: string, who = 'r.m1', reason: unknown = '客户对黑名单记录有异议,已结清') =>
    t.api.post(`/api/v1/credit/evaluations/${id}/review-requests`, { reason }, tok[who]);

  it('records one request per automated rejection, visible to the branch only', async () => {
    const ev = await evaluation({ blacklist: true });
    expect(ev.decision).toBe('reject');
    const res = await ask(ev.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ evaluationId: ev.id, status: 'open', branchId: '01', reason: '客户对黑名单记录有异议,已结清' });
    expect((await ask(ev.id)).status).toBe(409);

    const branch = await t.api.get('/api/v1/credit/review-requests?status=open', tok['r.bp1']);
    expect(branch.body.data.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
    expect((await t.api.get('/api/v1/credit/review-requests', tok['r.bp2'])).body).toEqual({ data: [], total: 0 });
    expect((await t.api.get('/api/v1/credit/review-requests', tok['r.m2'])).body.total).toBe(0);
    expect((await t.api.get('/api/v1/credit/review-requests')).status).toBe(401);
  });

  it('refuses a review of anything but a rejection', async () => {
    const ev = await evaluation();
    expect(ev.decision).toBe('pass');
    const res = await ask(ev.id);
    expect(res.status).toBe(409);
    expect(res.body.error.id).toBe('credit.review_not_allowed');
  });

  it('requires a login, the manager role, a reason and an evaluation in scope', async () => {
    const ev = await evaluation({ blacklist: true });
    expect((await t.api.post(`/api/v1/credit/evaluations/${ev.id}/review-requests`, { reason: 'x' })).status).toBe(401);
    expect((await ask(ev.id, 'r.bp1')).status).toBe(403);
    const noReason = await ask(ev.id, 'r.m1', '');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    expect((await ask(ev.id, 'r.m2')).status).toBe(404);
  });
});

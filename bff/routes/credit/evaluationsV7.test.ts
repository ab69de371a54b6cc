import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, chinaDay } from '../../testing/creditFactories';
import { startTestMockV7, TEST_V7_APP_ID, TEST_V7_APP_SECRET, type TestMockV7 } from '../../../mock-v7/src/testing';

/** Evaluations against the real V7 simulator (mock-v7 on port 0, its own database). */
describe('credit evaluations with the real V7 simulator', () => {
  let v7: TestMockV7;
  let t: TestApp;
  let token: string;
  let m1: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    v7 = await startTestMockV7();
    t = await startTestApp({ env: { V7_BASE_URL: v7.url, V7_APP_ID: TEST_V7_APP_ID, V7_APP_SECRET: TEST_V7_APP_SECRET } });
    m1 = await buildUser(t.db.models, { username: 'v7.m1', role: 'manager', branchId: '01' });
    token = (await t.api.login('v7.m1', TEST_PASSWORD)).accessToken;
  });
  afterAll(async () => {
    await t?.stop();
    await v7?.drop();
  });

  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${v7.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const clean = { riskWarning: 'none', judicial: { dishonestDebtor: false, enforcement: false, frozenAssets: false } };
  const evaluate = (householdId: string) => t.api.post('/api/v1/credit/evaluations', { householdId }, token);

  it('asks V7 once, then answers from the cache with V7’s own check date', async () => {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    expect((await admin('PUT', `/admin/checks/${h.idNumber}`, clean)).status).toBe(200);
    const first = await evaluate(h.id);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ decision: 'pass', limit: 90_000 });
    expect(first.body.v7Checks).toEqual({ provincialWarningCheckedAt: chinaDay(), judicialCheckedAt: chinaDay(), source: 'v7' });
    const second = await evaluate(h.id);
    expect(second.body).toMatchObject({ decision: 'pass', v7Checks: { source: 'cache', judicialCheckedAt: chinaDay() } });
  });

  it.each([
    ['high', 'reject'],
    ['medium', 'review'],
  ])('a provincial warning %s gives %s', async (level, decision) => {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    await admin('PUT', `/admin/checks/${h.idNumber}`, { ...clean, riskWarning: level });
    const res = await evaluate(h.id);
    expect(res.body.decision).toBe(decision);
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['R04_PROVINCIAL_WARNING']);
  });

  it('a judicial record rejects', async () => {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    await admin('PUT', `/admin/checks/${h.idNumber}`, {
      riskWarning: 'none',
      judicial: { dishonestDebtor: true, enforcement: false, frozenAssets: false },
    });
    const res = await evaluate(h.id);
    expect(res.body).toMatchObject({ decision: 'reject', limit: 0, reasons: [expect.objectContaining({ code: 'R02_JUDICIAL' })] });
  });

  it('during a V7 outage the decision is incomplete, never pass; afterwards V7 answers again', async () => {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    await admin('PUT', `/admin/checks/${h.idNumber}`, clean);
    expect((await admin('POST', '/admin/faults', { outage: true })).status).toBe(200);
    try {
      const down = await evaluate(h.id);
      expect(down.status).toBe(201);
      expect(down.body).toMatchObject({ decision: 'incomplete', limit: 0, v7Checks: { source: 'unavailable' } });
      expect(down.body.reasons.map((r: { code: string }) => r.code)).toEqual(['R10_CHECK_MISSING']);
    } finally {
      await admin('POST', '/admin/faults', {});
    }
    expect((await evaluate(h.id)).body).toMatchObject({ decision: 'pass', v7Checks: { source: 'v7' } });
  });
});

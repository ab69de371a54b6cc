import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, buildOdsSnapshot, buildV7Checks, chinaDay, warmV7Checks } from '../../testing/creditFactories';

/**
 * Evaluations against the real database and Redis. V7 itself is not running here (the BFF
 * points at a closed port), so these tests either warm the BFF's Redis check cache, as a V7
 * call would, or show what happens without V7: `incomplete`, never `pass`.
 */
describe('credit evaluations', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: Awaited<ReturnType<typeof buildUser>>;
  let plain: Awaited<ReturnType<typeof buildCreditHousehold>>;
  let customer: Awaited<ReturnType<typeof buildCreditHousehold>>;
  let others: Awaited<ReturnType<typeof buildCreditHousehold>>;

  beforeAll(async () => {
    t = await startTestApp({ env: { V7_BASE_URL: 'http://127.0.0.1:9' } });
    const { models } = t.db;
    m1 = await buildUser(models, { username: 'e.m1', role: 'manager', branchId: '01' });
    const m2 = await buildUser(models, { username: 'e.m2', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'e.hq', role: 'hq_credit', branchId: null });
    await buildUser(models, { username: 'e.mkt', role: 'hq_marketing', branchId: null });
    await buildUser(models, { username: 'e.bp2', role: 'branch_president', branchId: '02' });
    plain = await buildCreditHousehold(models, t.crypto, { managerId: m1._id });
    customer = await buildCreditHousehold(models, t.crypto, { managerId: m1._id });
    others = await buildCreditHousehold(models, t.crypto, { managerId: m2._id });
    for (const u of ['e.m1', 'e.m2', 'e.hq', 'e.mkt', 'e.bp2']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const evaluate = (body: unknown, who = 'e.m1') => t.api.post('/api/v1/credit/evaluations', body, tok[who]);

  it('requires a login, a role that evaluates, valid input and a household in scope', async () => {
    expect((await t.api.post('/api/v1/credit/evaluations', { householdId: plain.id })).status).toBe(401);
    expect((await evaluate({ householdId: plain.id }, 'e.mkt')).status).toBe(403);
    const bad = await evaluate({ householdId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('householdId');
    expect((await evaluate({ householdId: others.id })).status).toBe(404);
    const noMember = await evaluate({ householdId: plain.id, memberId: '0123456789abcdef01234567' });
    expect(noMember.status).toBe(404);
    expect(noMember.body.error.field).toBe('memberId');
  });

  it('with V7 unavailable the decision is incomplete (R10), never pass, and the limit 0', async () => {
    const res = await evaluate({ householdId: plain.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ decision: 'incomplete', limit: 0, limitBreakdown: null, approvalLevels: 0 });
    expect(res.body.reasons).toEqual([
      { code: 'R10_CHECK_MISSING', outcome: 'incomplete', message: '省联社预警或司法查控结果缺失或已超过30天，请重新查询' },
    ]);
    expect(res.body.v7Checks).toEqual({ provincialWarningCheckedAt: null, judicialCheckedAt: null, source: 'unavailable' });
  });

  it('never uses a cached check older than the cache allows', async () => {
    await warmV7Checks(t, plain.idIndex, buildV7Checks({ checkedAt: chinaDay(-20) }));
    const res = await evaluate({ householdId: plain.id });
    expect(res.body.decision).toBe('incomplete');
    expect(res.body.v7Checks.source).toBe('unavailable');
  });

  it('from the file alone and fresh checks: a pass with the spec’s numbers, stored with its facts', async () => {
    await warmV7Checks(t, plain.idIndex);
    const res = await evaluate({ householdId: plain.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      modelVersion: 'sunshine-v1',
      decision: 'pass',
      reasons: [],
      score: 59,
      grade: 'B',
      limit: 90_000,
      limitBreakdown: {
        gradeBase: 20_000,
        assetTerm: 52_000,
        incomeTerm: 18_600,
        raw: 90_600,
        cap: 200_000,
        existingCreditLoans: 0,
        final: 90_000,
      },
      approvalLevels: 1,
      nextGrade: { grade: 'A', pointsNeeded: 6 },
    });
    expect(res.body.factors).toEqual([
      { name: 'education', points: 8 },
      { name: 'maritalStatus', points: 12 },
      { name: 'age', points: 12 },
      { name: 'netAssets', points: 15 },
      { name: 'annualIncome', points: 12 },
      { name: 'contribution', points: 0 },
    ]);
    expect(res.body.factorsDetail[3]).toEqual({ name: 'netAssets', label: '净资产', points: 15 });
    expect(res.body.v7Checks).toEqual({ provincialWarningCheckedAt: chinaDay(), judicialCheckedAt: chinaDay(), source: 'cache' });
    expect(res.body.whatIf.map((w: { fact: string }) => w.fact)).toEqual(
      expect.arrayContaining(['annualIncome', 'relationship.avgDailyDeposit12m', 'relationship.hasEBanking']),
    );
    const stored = await t.db.models.CreditEvaluation.findById(res.body.id).lean();
    expect(stored).toMatchObject({ modelVersion: 'sunshine-v1', asOf: chinaDay(), v7Source: 'cache', evaluatedBy: String(m1._id) });
    expect(stored!.facts).toMatchObject({ birthDate: '1980-05-17', annualIncome: 62_000, totalAssets: 520_000, totalDebt: 80_000 });
    expect(JSON.stringify(stored)).not.toContain(plain.idNumber);
  });

  it('reads relationship, lists, loans and arrears from the ODS snapshots', async () => {
    await warmV7Checks(t, customer.idIndex);
    await buildOdsSnapshot(t.db.models, customer.idIndex, chinaDay(-60), { overdueAmount: 500, overdueDays: 12 });
    await buildOdsSnapshot(t.db.models, customer.idIndex, chinaDay(-30));
    await buildOdsSnapshot(t.db.models, customer.idIndex, chinaDay(-1), { loanBalance: 30_000, wealth: 1_000 });
    const res = await evaluate({ householdId: customer.id });
    // Contribution: deposits 60,000 (6) + e-banking (2) + wealth (1) + a customer since 2015 (2).
    expect(res.body.factors[5]).toEqual({ name: 'contribution', points: 11 });
    expect(res.body).toMatchObject({ decision: 'review', score: 70, grade: 'A', approvalLevels: 2 });
    expect(res.body.reasons.map((r: { code: string }) => r.code)).toEqual(['R08_OVERDUE']);
    const stored = await t.db.models.CreditEvaluation.findById(res.body.id).lean();
    expect(stored!.facts).toMatchObject({
      totalDebt: 110_000, // the file's 80,000 plus this bank's 30,000 from the ODS
      existingCreditLoans: 30_000,
      relationship: { avgDailyDeposit12m: 60_000, hasEBanking: true, wealthBalance: 1_000, customerSinceYears: 11 },
      checks: { currentOverdue: false, overdueCount24m: 1, internalWarningScore: 10, blacklist: false },
    });
    // 50,000 + 52,000 + 18,600 − 30,000 existing credit → 90,000; a review needs both levels.
    expect(res.body.limit).toBe(90_000);
  });

  it('replays a stored evaluation identically, for head office only', async () => {
    await warmV7Checks(t, plain.idIndex);
    const ev = (await evaluate({ householdId: plain.id })).body;
    const replay = await t.api.get(`/api/v1/credit/evaluations/${ev.id}/replay`, tok['e.hq']);
    expect(replay.status).toBe(200);
    expect(replay.body.identical).toBe(true);
    expect(replay.body.replayed).toEqual(replay.body.stored);
    expect(replay.body.stored).toMatchObject({ decision: ev.decision, score: ev.score, limit: ev.limit, reasons: ev.reasons });
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}/replay`, tok['e.m1'])).status).toBe(403);
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}/replay`)).status).toBe(401);
    expect((await t.api.get('/api/v1/credit/evaluations/0123456789abcdef01234567/replay', tok['e.hq'])).status).toBe(404);
  });

  it('a replay shows a stored decision that the stored facts no longer give', async () => {
    await warmV7Checks(t, plain.idIndex);
    const ev = (await evaluate({ householdId: plain.id })).body;
    await t.db.models.CreditEvaluation.updateOne({ _id: ev.id }, { $set: { 'decision.limit': 150_000 } });
    const replay = await t.api.get(`/api/v1/credit/evaluations/${ev.id}/replay`, tok['e.hq']);
    expect(replay.body.identical).toBe(false);
    expect(replay.body.replayed.limit).toBe(90_000);
  });

  it('reads one evaluation within scope', async () => {
    const ev = (await evaluate({ householdId: plain.id })).body;
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}`, tok['e.m1'])).body.id).toBe(ev.id);
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}`, tok['e.m2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}`, tok['e.bp2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/credit/evaluations/${ev.id}`)).status).toBe(401);
  });
});

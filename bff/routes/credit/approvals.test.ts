import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, buildOdsSnapshot, chinaDay, warmV7Checks } from '../../testing/creditFactories';

/** Maker-checker on the real database; V7 checks come from the warmed Redis cache (V7 is not running). */
describe('credit approvals', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    t = await startTestApp({ env: { V7_BASE_URL: 'http://127.0.0.1:9' } });
    const { models } = t.db;
    m1 = await buildUser(models, { username: 'p.m1', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'p.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 'p.bp1b', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 'p.bp2', role: 'branch_president', branchId: '02' });
    await buildUser(models, { username: 'p.hq', role: 'hq_credit', branchId: null });
    await buildUser(models, { username: 'p.hq2', role: 'hq_credit', branchId: null });
    await buildUser(models, { username: 'p.admin', role: 'admin', branchId: null });
    for (const u of ['p.m1', 'p.bp1', 'p.bp1b', 'p.bp2', 'p.hq', 'p.hq2', 'p.admin'])
      tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  /**
   * A submitted application. `levels: 2` gives the head ODS deposits and e-banking since 2015:
   * score 69 (A), limit 120,000 > 100,000, so head office must sign too.
   */
  async function application(opts: { levels?: 1 | 2; by?: string } = {}) {
    const h = await buildCreditHousehold(t.db.models, t.crypto, { managerId: m1._id });
    await warmV7Checks(t, h.idIndex);
    if (opts.levels === 2) await buildOdsSnapshot(t.db.models, h.idIndex, chinaDay(-1));
    const by = opts.by ?? 'p.m1';
    const ev = await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok[by]);
    const app = await t.api.post('/api/v1/credit/applications', { evaluationId: ev.body.id }, tok[by]);
    expect(app.status).toBe(201);
    expect(app.body.approvalLevels).toBe(opts.levels ?? 1);
    return { h, app: app.body };
  }
  const act = (id: string, action: 'approve' | 'reject', who: string, comment: unknown = '同意') =>
    t.api.post(`/api/v1/credit/applications/${id}/${action}`, { comment }, tok[who]);

  it('requires a login, an approver role, a comment and an application in scope', async () => {
    const { app } = await application();
    expect((await t.api.post(`/api/v1/credit/applications/${app.id}/approve`, { comment: 'x' })).status).toBe(401);
    expect((await act(app.id, 'approve', 'p.m1')).status).toBe(403);
    expect((await act(app.id, 'approve', 'p.admin')).status).toBe(403);
    const noComment = await act(app.id, 'approve', 'p.bp1', '  ');
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.field).toBe('comment');
    expect((await act(app.id, 'approve', 'p.bp2')).status).toBe(404);
    expect((await act('0123456789abcdef01234567', 'approve', 'p.bp1')).status).toBe(404);
  });

  it('one level: the branch president’s approval is final and writes the V7 outbox in the same document', async () => {
    const { h, app } = await application();
    const res = await act(app.id, 'approve', 'p.bp1', '材料齐全,同意');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', sync: { state: 'pending', attempts: 0 } });
    expect(res.body.approvals).toEqual([expect.objectContaining({ level: 1, decision: 'approve', comment: '材料齐全,同意' })]);
    const stored = await t.db.models.CreditApplication.findById(app.id).lean();
    expect(stored!.sync).toMatchObject({
      state: 'pending',
      attempts: 0,
      idempotencyKey: `precredit:${app.id}`,
      payload: { applicationId: app.id, householdNo: app.householdNo, limit: 90_000, trail: [expect.objectContaining({ level: 1 })] },
    });
    expect((await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['p.m1'])).body.sync).toEqual({ state: 'pending', attempts: 0 });
    // Decided, so the person may apply again.
    expect(await t.db.models.PendingApplicationClaim.findById(h.idIndex).lean()).toBeNull();
    expect((await act(app.id, 'approve', 'p.hq')).status).toBe(409);
  });

  it('two levels: head office only after the branch, then final', async () => {
    const { app } = await application({ levels: 2 });
    const early = await act(app.id, 'approve', 'p.hq');
    expect(early.status).toBe(409);
    expect(early.body.error.id).toBe('credit.approval_out_of_order');
    const l1 = await act(app.id, 'approve', 'p.bp1');
    expect(l1.body).toMatchObject({ status: 'pending_level2' });
    expect(l1.body).not.toHaveProperty('sync');
    const queue = await t.api.get('/api/v1/credit/applications?status=pending_level2', tok['p.hq']);
    expect(queue.body.data.map((a: { id: string }) => a.id)).toContain(app.id);
    const l2 = await act(app.id, 'approve', 'p.hq', '同意授信');
    expect(l2.body).toMatchObject({ status: 'approved', sync: { state: 'pending', attempts: 0 } });
    expect(l2.body.approvals.map((a: { level: number }) => a.level)).toEqual([1, 2]);
  });

  it('refuses the submitter approving their own application', async () => {
    const { app } = await application({ by: 'p.bp1' });
    const own = await act(app.id, 'approve', 'p.bp1');
    expect(own.status).toBe(403);
    expect(own.body.error.id).toBe('credit.self_approval');
    expect((await act(app.id, 'approve', 'p.bp1b')).status).toBe(200);
  });

  it('refuses anyone approving twice, and a second approver of a decided level', async () => {
    const { app } = await application({ levels: 2 });
    expect((await act(app.id, 'approve', 'p.bp1')).status).toBe(200);
    const twice = await act(app.id, 'approve', 'p.bp1');
    expect(twice.status).toBe(409);
    expect(twice.body.error.id).toBe('credit.already_decided');
    expect((await act(app.id, 'reject', 'p.bp1b')).status).toBe(409);
  });

  it('of concurrent approvals of one level exactly one wins', async () => {
    const { app } = await application({ levels: 2 });
    const results = await Promise.all([
      ...Array.from({ length: 3 }, () => act(app.id, 'approve', 'p.bp1', 'A')),
      ...Array.from({ length: 3 }, () => act(app.id, 'reject', 'p.bp1b', 'B')),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    const stored = await t.db.models.CreditApplication.findById(app.id).lean();
    expect(stored!.approvals).toHaveLength(1);
    expect(await t.db.models.ApprovalStep.countDocuments({ applicationId: app.id })).toBe(1);

    if (stored!.status === 'pending_level2') {
      const l2 = await Promise.all([act(app.id, 'approve', 'p.hq'), act(app.id, 'approve', 'p.hq2'), act(app.id, 'approve', 'p.hq')]);
      expect(l2.filter((r) => r.status === 200)).toHaveLength(1);
      const final = await t.db.models.CreditApplication.findById(app.id).lean();
      expect(final!.status).toBe('approved');
      expect(final!.approvals).toHaveLength(2);
    } else {
      expect(stored!.status).toBe('rejected');
    }
  });

  it('a rejection is final, has no outbox, and releases the person', async () => {
    const { h, app } = await application({ levels: 2 });
    const res = await act(app.id, 'reject', 'p.bp1', '经营不稳定');
    expect(res.body).toMatchObject({
      status: 'rejected',
      approvals: [expect.objectContaining({ decision: 'reject', comment: '经营不稳定' })],
    });
    expect(res.body).not.toHaveProperty('sync');
    expect((await t.db.models.CreditApplication.findById(app.id).lean())!.sync).toBeNull();
    expect(await t.db.models.PendingApplicationClaim.findById(h.idIndex).lean()).toBeNull();
    expect((await act(app.id, 'approve', 'p.hq')).status).toBe(409);
  });

  it('head office cannot sign an application the model gave one level', async () => {
    const { app } = await application();
    expect((await act(app.id, 'approve', 'p.hq')).status).toBe(403);
  });

  it('finishes a step whose approver crashed before applying it', async () => {
    const { app } = await application();
    // The step was claimed a minute ago, but the status update never happened.
    await t.db.models.ApprovalStep.create({
      _id: `${app.id}:L1`,
      applicationId: app.id,
      level: 1,
      decision: 'approve',
      userId: 'crashed-approver',
      userName: '某行长',
      comment: '同意',
      at: new Date(Date.now() - 60_000),
    });
    expect((await act(app.id, 'approve', 'p.bp1')).status).toBe(409);
    const repaired = await t.api.get(`/api/v1/credit/applications/${app.id}`, tok['p.m1']);
    expect(repaired.body).toMatchObject({ status: 'approved', sync: { state: 'pending', attempts: 0 } });
    expect(repaired.body.approvals[0].userId).toBe('crashed-approver');
  });
});

import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, warmV7Checks } from '../../testing/creditFactories';
import { buildApprovedApplication, startSyncStack, waitFor, type SyncStack } from '../../testing/v7SyncFactories';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import { syncAttemptId } from '../../models/V7SyncAttempt';

/**
 * The V7 sync against the real mock-v7 (its own database, port 0), the real BFF, FerretDB and
 * Redis: the worker runs in this process with fast test settings (bff/testing/v7SyncFactories.ts).
 */
describe('V7 sync', () => {
  let s: SyncStack;
  let stopWorker: () => Promise<void>;
  const tok: Record<string, string> = {};
  let m1: Awaited<ReturnType<typeof buildUser>>;

  beforeAll(async () => {
    s = await startSyncStack();
    const { models } = s.t.db;
    m1 = await buildUser(models, { username: 's.m1', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 's.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 's.hq', role: 'hq_credit', branchId: null });
    await buildUser(models, { username: 's.admin', role: 'admin', branchId: null });
    await buildUser(models, { username: 's.mkt', role: 'hq_marketing', branchId: null });
    for (const u of ['s.m1', 's.bp1', 's.hq', 's.admin', 's.mkt']) tok[u] = (await s.t.api.login(u, TEST_PASSWORD)).accessToken;
    stopWorker = s.startWorker({ maxAttempts: 3 });
  });
  afterAll(() => s?.stop());

  const app = async (id: string) => (await s.t.db.models.CreditApplication.findById(id).lean<CreditApplicationDoc>())!;
  const syncState = (id: string) => app(id).then((a) => a.sync);

  it('delivers a finally approved application once: file, then pre-credit with its trail and limit', async () => {
    const h = await buildCreditHousehold(s.t.db.models, s.t.crypto, { managerId: m1._id });
    await warmV7Checks(s.t, h.idIndex);
    const ev = await s.t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['s.m1']);
    const submitted = await s.t.api.post('/api/v1/credit/applications', { evaluationId: ev.body.id }, tok['s.m1']);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const approved = await s.t.api.post(`/api/v1/credit/applications/${id}/approve`, { comment: '同意授信' }, tok['s.bp1']);
    expect(approved.body.sync).toEqual({ state: 'pending', attempts: 0 });

    await waitFor(
      'synced',
      () => syncState(id),
      (x) => x?.state === 'synced',
    );
    const view = await s.t.api.get(`/api/v1/credit/applications/${id}`, tok['s.m1']);
    expect(view.body.sync).toEqual({ state: 'synced', attempts: 1 });
    expect((await syncState(id))!.syncedAt).toBeInstanceOf(Date);
    expect(await s.applied([id])).toEqual([expect.objectContaining({ applicationId: id, limit: 90_000 })]);

    const received = await s.admin<{ payload: { fileId: string; approvalTrail: Array<{ step: string; comment?: string }> } }>(
      'GET',
      `/admin/precredits/${id}`,
    );
    expect(received.body.payload.fileId).toBe(h.id);
    expect(received.body.payload.approvalTrail.map((st) => st.step)).toEqual(['submitted', 'level1']);
    expect(received.body.payload.approvalTrail[1]!.comment).toBe('同意授信');
    const attempt = await s.t.db.models.V7SyncAttempt.findById(syncAttemptId(id, 1)).lean();
    expect(attempt).toMatchObject({ outcome: 'synced', finishedAt: expect.any(Date) });
  });

  it('an attempt left in flight by a crash is counted, and the next one delivers', async () => {
    const { id } = await buildApprovedApplication(s.t.db.models, s.t.crypto, { managerId: m1._id });
    // A claim as a process killed mid-sync leaves it: started, never finished, lease expired.
    const past = new Date(Date.now() - 60_000);
    await s.t.db.models.V7SyncAttempt.create({
      _id: syncAttemptId(id, 1),
      applicationId: id,
      attempt: 1,
      startedAt: past,
      leaseUntil: past,
    });
    await waitFor(
      'synced',
      () => syncState(id),
      (x) => x?.state === 'synced',
    );
    expect((await syncState(id))!.attempts).toBe(2);
    expect(await s.t.db.models.V7SyncAttempt.findById(syncAttemptId(id, 1)).lean()).toMatchObject({ outcome: 'interrupted' });
    expect(await s.applied([id])).toHaveLength(1);
  });

  describe('dead letters', () => {
    let failedId: string;

    beforeAll(async () => {
      await s.faults({ outage: true });
      failedId = (await buildApprovedApplication(s.t.db.models, s.t.crypto, { managerId: m1._id })).id;
      await waitFor(
        'dead letter',
        () => syncState(failedId),
        (x) => x?.state === 'failed',
      );
      await s.faults({});
    });

    it('after too many attempts the application is dead-lettered with its last error', async () => {
      const sync = (await syncState(failedId))!;
      expect(sync.attempts).toBe(3);
      expect(sync.lastError).toContain('V7不可用');
      expect(await s.applied([failedId])).toEqual([]);
    });

    it('head office lists dead letters; others are refused', async () => {
      const list = await s.t.api.get('/api/v1/credit/sync/failed?page=1&pageSize=10', tok['s.hq']);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(1);
      expect(list.body.data[0]).toMatchObject({ applicationId: failedId, limit: 90_000, sync: { state: 'failed', attempts: 3 } });
      expect(list.body.data[0].memberName).not.toBe('张建国');
      expect((await s.t.api.get('/api/v1/credit/sync/failed')).status).toBe(401);
      expect((await s.t.api.get('/api/v1/credit/sync/failed', tok['s.m1'])).status).toBe(403);
      expect((await s.t.api.get('/api/v1/credit/sync/failed', tok['s.mkt'])).status).toBe(403);
      const bad = await s.t.api.get('/api/v1/credit/sync/failed?pageSize=1000', tok['s.hq']);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('pageSize');
    });

    it('a retry from the view delivers it, audited; only a failed sync can be retried', async () => {
      const retry = (id: string, who?: string) => s.t.api.post(`/api/v1/credit/sync/${id}/retry`, {}, who ? tok[who] : undefined);
      expect((await retry(failedId)).status).toBe(401);
      expect((await retry(failedId, 's.bp1')).status).toBe(403);
      expect((await retry('0123456789abcdef01234567', 's.admin')).status).toBe(404);
      expect((await retry('not-an-id', 's.admin')).status).toBe(400);

      const res = await retry(failedId, 's.admin');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ applicationId: failedId, sync: { state: 'pending', attempts: 3 } });
      await waitFor(
        'synced after retry',
        () => syncState(failedId),
        (x) => x?.state === 'synced',
      );
      expect((await syncState(failedId))!.attempts).toBe(4);
      expect(await s.applied([failedId])).toHaveLength(1);
      expect((await retry(failedId, 's.hq')).status).toBe(409);
      const audit = await s.t.db.models.AuditEvent.find({ event: 'credit.v7_sync_retry' }).lean();
      expect(audit).toEqual([
        expect.objectContaining({ outcome: 'success', username: 's.admin', details: expect.objectContaining({ applicationId: failedId }) }),
      ]);
      expect((await s.t.api.get('/api/v1/credit/sync/failed', tok['s.hq'])).body.total).toBe(0);
    });
  });

  it('V7 refusing the data dead-letters at once', async () => {
    // A limit V7 refuses (not a multiple of 1,000): no retry can fix it.
    const { id } = await buildApprovedApplication(s.t.db.models, s.t.crypto, { managerId: m1._id, limit: 90_500 });
    const sync = await waitFor(
      'failed',
      () => syncState(id),
      (x) => x?.state === 'failed',
    );
    expect(sync!.attempts).toBe(1);
    expect(sync!.lastError).toContain('V7拒绝');
  });

  it('signing and drawdown webhooks update the household portrait', async () => {
    const { id, household } = await buildApprovedApplication(s.t.db.models, s.t.crypto, { managerId: m1._id });
    const portrait = async () => (await s.t.api.get(`/api/v1/households/${household.id}/portrait`, tok['s.m1'])).body.creditStatus;
    await waitFor(
      'synced',
      () => syncState(id),
      (x) => x?.state === 'synced',
    );
    expect(await waitFor('portrait synced', portrait, (c) => c?.state === 'synced')).toMatchObject({ limit: 90_000, signedLimit: null });

    expect((await s.admin('POST', `/admin/precredits/${id}/sign`, { signedLimit: 80_000 })).status).toBe(201);
    const signed = await waitFor('portrait signed', portrait, (c) => c?.state === 'signed');
    expect(signed).toMatchObject({ limit: 90_000, signedLimit: 80_000, usedAmount: 0 });

    expect((await s.admin('POST', `/admin/precredits/${id}/drawdowns`, { amount: 30_000, drawdownId: `d1-${id}` })).status).toBe(201);
    const used = await waitFor('portrait used', portrait, (c) => c?.state === 'used');
    expect(used).toMatchObject({ signedLimit: 80_000, usedAmount: 30_000 });
    const events = await s.t.db.models.V7Event.find({ applicationId: id }).lean();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.processedAt instanceof Date)).toBe(true);
    expect(await s.t.db.models.CreditUsage.findById(id).lean()).toMatchObject({ signedLimit: 80_000, usedAmount: 30_000, drawdowns: 1 });
  });

  it('stops cleanly', async () => {
    await stopWorker();
  });
});

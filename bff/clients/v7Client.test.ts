import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { derivedJudicial, derivedRiskLevel } from '../../mock-v7/src/checks';
import { buildFilePush, buildIdNumber, buildPreCreditPush } from '../../mock-v7/src/factories';
import { TEST_V7_APP_ID, TEST_V7_APP_SECRET, startTestMockV7, type TestMockV7 } from '../../mock-v7/src/testing';
import { createV7Client, type V7Client, type V7Result } from './v7Client';

/** The client against a real simulator on port 0 with its own database. */
let v7: TestMockV7;
let client: V7Client;

beforeAll(async () => {
  v7 = await startTestMockV7();
  client = createV7Client({ baseUrl: v7.url, appId: TEST_V7_APP_ID, appSecret: TEST_V7_APP_SECRET, timeoutMs: 2000 });
});
afterEach(async () => {
  v7.faults.set({});
});
afterAll(async () => {
  await v7.drop();
});

function value<T>(r: V7Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.value;
}

async function pushedFile() {
  const file = buildFilePush();
  value(await client.pushFile(file));
  return file;
}

describe('checks', () => {
  it('answer both checks with their checkedAt, as V7 derives them', async () => {
    const idNumber = buildIdNumber(501);
    const { provincialWarning, judicial } = await client.checks(idNumber);
    expect(value(provincialWarning)).toEqual({ level: derivedRiskLevel(idNumber), checkedAt: expect.stringMatching(/\+08:00$/) });
    expect(value(judicial)).toEqual({ ...derivedJudicial(idNumber), checkedAt: expect.any(String) });
  });

  it('are rejected, naming the field, for an invalid ID number', async () => {
    const r = await client.riskWarning('123');
    expect(r).toMatchObject({ ok: false, kind: 'rejected', status: 400, errorId: 'v7.invalid_request', field: 'idNumber' });
  });
});

describe('pushes and status', () => {
  it('push a file and a pre-credit, then read both statuses', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId, limit: 60_000 });
    const ack = value(await client.pushPreCredit(app));
    expect(ack).toMatchObject({ applicationId: app.applicationId, status: 'applied', limit: 60_000, duplicate: false });
    expect(value(await client.fileStatus(file.fileId))).toMatchObject({ fileId: file.fileId, version: 1, status: 'archived' });
    expect(value(await client.preCreditStatus(app.applicationId))).toMatchObject({
      status: 'applied',
      v7ApplicationNo: ack.v7ApplicationNo,
    });
  });

  it('answer null for what V7 never received', async () => {
    expect(value(await client.fileStatus('never'))).toBeNull();
    expect(value(await client.preCreditStatus('never/with slash'))).toBeNull();
  });

  it('reuse a stable idempotency key, so a resend is a replay and never a second application', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId });
    const first = value(await client.pushPreCredit(app));
    const again = value(await client.pushPreCredit(app));
    expect(again).toEqual(first);
    expect(await v7.models.PreCredit.countDocuments({ _id: app.applicationId })).toBe(1);
  });

  it('are rejected when V7 refuses: file not synced, invalid limit, key reused with another payload', async () => {
    const orphan = buildPreCreditPush({ fileId: 'hh_missing' });
    expect(await client.pushPreCredit(orphan)).toMatchObject({
      ok: false,
      kind: 'rejected',
      status: 409,
      errorId: 'v7.file_not_found',
      field: 'fileId',
    });

    const file = await pushedFile();
    expect(await client.pushPreCredit(buildPreCreditPush({ fileId: file.fileId, limit: 12_345 }))).toMatchObject({
      kind: 'rejected',
      status: 400,
      field: 'limit',
    });

    const app = buildPreCreditPush({ fileId: file.fileId });
    value(await client.pushPreCredit(app));
    expect(await client.pushPreCredit({ ...app, limit: 30_000 })).toMatchObject({
      kind: 'rejected',
      status: 422,
      errorId: 'v7.idempotency_mismatch',
    });
  });

  it('is rejected with a wrong secret', async () => {
    const wrong = createV7Client({ baseUrl: v7.url, appId: TEST_V7_APP_ID, appSecret: 'this-is-not-the-secret' });
    expect(await wrong.riskWarning(buildIdNumber(1))).toMatchObject({ kind: 'rejected', status: 401, errorId: 'v7.bad_signature' });
  });
});

describe('V7 unavailable', () => {
  it('during an outage (connection reset)', async () => {
    v7.faults.set({ outage: true });
    expect(await client.riskWarning(buildIdNumber(2))).toMatchObject({ ok: false, kind: 'unavailable', reason: 'network' });
  });

  it('when nothing listens', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const dead = createV7Client({ baseUrl: `http://127.0.0.1:${port}`, appId: TEST_V7_APP_ID, appSecret: TEST_V7_APP_SECRET });
    expect(await dead.judicial(buildIdNumber(3))).toMatchObject({ kind: 'unavailable', reason: 'network', status: null });
  });

  it('when V7 is slower than the timeout', async () => {
    v7.faults.set({ latencyMs: 1000 });
    const r = await client.judicial(buildIdNumber(4), { timeoutMs: 200 });
    expect(r).toMatchObject({ kind: 'unavailable', reason: 'timeout' });
  });

  it('on 5xx; retrying with the same key applies once even when V7 applied before failing', async () => {
    const file = await pushedFile();
    v7.faults.set({ errorRate: 1 });
    const apps = Array.from({ length: 10 }, () => buildPreCreditPush({ fileId: file.fileId }));
    const failed = await Promise.all(apps.map((a) => client.pushPreCredit(a)));
    expect(failed.every((r) => !r.ok && r.kind === 'unavailable' && r.reason === 'server_error')).toBe(true);

    v7.faults.set({ errorRate: 0.5 });
    for (const app of apps) {
      let r = await client.pushPreCredit(app);
      for (let i = 0; i < 50 && !r.ok; i++) r = await client.pushPreCredit(app);
      expect(value(r).applicationId).toBe(app.applicationId);
    }
    const ids = apps.map((a) => a.applicationId);
    const applied = (await v7.models.PreCredit.find().lean()).filter((p) => ids.includes(p._id));
    expect(applied).toHaveLength(10);
  });
});

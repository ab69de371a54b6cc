import { FaultState } from './faults';
import { buildFilePush, buildIdNumber, buildPreCreditPush } from './factories';
import { signedFetch, startTestMockV7, type TestMockV7 } from './testing';

let v7: TestMockV7;
beforeAll(async () => {
  v7 = await startTestMockV7();
});
afterEach(async () => {
  await setFaults({});
});
afterAll(async () => {
  await v7.drop();
});

async function setFaults(body: unknown): Promise<Response> {
  return fetch(`${v7.url}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const check = () => signedFetch(v7.url, 'POST', '/v7/api/checks/risk-warning', { idNumber: buildIdNumber(7) });

describe('fault settings', () => {
  it('are set at run time, reported, and cleared by {}', async () => {
    const set = await setFaults({ errorRate: 0.3, latencyMs: 40, outage: false });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ errorRate: 0.3, latencyMs: 40, outage: false });
    expect(await (await fetch(`${v7.url}/admin/faults`)).json()).toMatchObject({ errorRate: 0.3, latencyMs: 40 });
    await setFaults({});
    expect(await (await fetch(`${v7.url}/admin/faults`)).json()).toMatchObject({ errorRate: 0, latencyMs: 0, outage: false });
  });

  it('refuse an error rate outside 0..1 and unknown fields', async () => {
    const bad = await setFaults({ errorRate: 1.5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('errorRate');
    expect((await setFaults({ chaos: true })).status).toBe(400);
  });

  it('split injected errors evenly between before and after processing', () => {
    let r = 0;
    const seq = [0.05, 0.15, 0.25, 0.35];
    const faults = new FaultState(0, () => seq[r++ % seq.length]!);
    faults.set({ errorRate: 0.3 });
    expect([faults.drawError(), faults.drawError(), faults.drawError(), faults.drawError()]).toEqual(['before', 'after', 'after', 'none']);
  });
});

describe('error rate', () => {
  it('fails about that share of requests with 5xx and leaves the rest intact', async () => {
    await setFaults({ errorRate: 0.3 });
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const rs = await Promise.all(Array.from({ length: 20 }, () => check()));
      statuses.push(...rs.map((r) => r.status));
      await Promise.all(rs.map((r) => r.arrayBuffer()));
    }
    const failed = statuses.filter((s) => s >= 500).length;
    // 200 draws at p = 0.3: mean 60, sd ≈ 6.5; these bounds are ±4 sd.
    expect(failed).toBeGreaterThanOrEqual(34);
    expect(failed).toBeLessThanOrEqual(86);
    expect(statuses.every((s) => s === 200 || s === 503 || s === 504)).toBe(true);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 504).length).toBeGreaterThan(0);
  });

  it('sometimes applies a write and then fails; the retry with the same key gets the stored answer', async () => {
    const file = buildFilePush();
    expect((await signedFetch(v7.url, 'POST', '/v7/api/files', file, { idempotencyKey: `f:${file.fileId}` })).status).toBe(201);
    await setFaults({ errorRate: 1 });
    const apps = Array.from({ length: 30 }, () => buildPreCreditPush({ fileId: file.fileId }));
    const first = await Promise.all(
      apps.map((a) => signedFetch(v7.url, 'POST', '/v7/api/precredits', a, { idempotencyKey: `pc:${a.applicationId}` })),
    );
    expect(first.every((r) => r.status === 503 || r.status === 504)).toBe(true);
    const appliedDespiteError = await v7.models.PreCredit.countDocuments();
    // Only the "after" half applied anything: about 15 of 30.
    expect(appliedDespiteError).toBeGreaterThan(0);
    expect(appliedDespiteError).toBe(first.filter((r) => r.status === 504).length);

    await setFaults({});
    const retried = await Promise.all(
      apps.map((a) => signedFetch(v7.url, 'POST', '/v7/api/precredits', a, { idempotencyKey: `pc:${a.applicationId}` })),
    );
    expect(retried.every((r) => r.status === 201)).toBe(true);
    expect(retried.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(appliedDespiteError);
    expect(await v7.models.PreCredit.countDocuments()).toBe(30);
  });
});

describe('latency', () => {
  it('delays V7 API answers but not the admin console', async () => {
    await setFaults({ latencyMs: 400 });
    let t = Date.now();
    expect((await check()).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(195); // at least 0.5 × latencyMs
    t = Date.now();
    await fetch(`${v7.url}/admin/faults`);
    expect(Date.now() - t).toBeLessThan(195);
  });
});

describe('outage', () => {
  it('resets every V7 API connection, fails health, keeps admin, and recovers when cleared', async () => {
    await setFaults({ outage: true });
    await expect(check()).rejects.toThrow();
    expect((await fetch(`${v7.url}/healthz`)).status).toBe(503);
    expect((await fetch(`${v7.url}/admin/precredits`)).status).toBe(200);
    await setFaults({});
    expect((await check()).status).toBe(200);
    expect((await fetch(`${v7.url}/healthz`)).status).toBe(200);
  });
});

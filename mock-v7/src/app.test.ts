import { signV7Request } from '@sunshine/shared';
import { derivedJudicial, derivedRiskLevel } from './checks';
import { buildIdNumber } from './factories';
import { TEST_V7_APP_ID, TEST_V7_APP_SECRET, signedFetch, startTestMockV7, type TestMockV7 } from './testing';

let v7: TestMockV7;
beforeAll(async () => {
  v7 = await startTestMockV7();
});
afterAll(async () => {
  await v7.drop();
});

const riskPath = '/v7/api/checks/risk-warning';

describe('mock-v7 health', () => {
  it('answers its health check', async () => {
    const res = await fetch(`${v7.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', system: 'mock-v7' });
  });
});

describe('request signatures', () => {
  const idNumber = buildIdNumber(101);

  it('accepts a correctly signed request', async () => {
    const res = await signedFetch(v7.url, 'POST', riskPath, { idNumber });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { level: string; checkedAt: string };
    expect(['none', 'low', 'medium', 'high']).toContain(body.level);
    expect(body.checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
  });

  it('refuses a request without signature headers', async () => {
    const res = await fetch(v7.url + riskPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { id: 'v7.signature_missing', message: expect.any(String) } });
  });

  it('refuses a wrong secret, an unknown app and a tampered body', async () => {
    const wrongSecret = await signedFetch(v7.url, 'POST', riskPath, { idNumber }, { secret: 'not-the-right-secret-at-all' });
    expect(wrongSecret.status).toBe(401);
    expect(((await wrongSecret.json()) as { error: { id: string } }).error.id).toBe('v7.bad_signature');

    const unknownApp = await signedFetch(v7.url, 'POST', riskPath, { idNumber }, { appId: 'someone-else' });
    expect(unknownApp.status).toBe(401);
    expect(((await unknownApp.json()) as { error: { id: string } }).error.id).toBe('v7.unknown_app');

    const headers = await signV7Request({
      secret: TEST_V7_APP_SECRET,
      appId: TEST_V7_APP_ID,
      method: 'POST',
      path: riskPath,
      body: JSON.stringify({ idNumber }),
    });
    const tampered = await fetch(v7.url + riskPath, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ idNumber: buildIdNumber(102) }),
    });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: { id: string } }).error.id).toBe('v7.bad_signature');
  });

  it('refuses a timestamp outside the clock-skew window, either way', async () => {
    for (const offset of [-301_000, 301_000]) {
      const res = await signedFetch(v7.url, 'POST', riskPath, { idNumber }, { timestamp: Date.now() + offset });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { id: string } }).error.id).toBe('v7.timestamp_expired');
    }
    const inside = await signedFetch(v7.url, 'POST', riskPath, { idNumber }, { timestamp: Date.now() - 250_000 });
    expect(inside.status).toBe(200);
  });

  it('refuses a replayed nonce, also when two replays race', async () => {
    const body = JSON.stringify({ idNumber });
    const headers = await signV7Request({ secret: TEST_V7_APP_SECRET, appId: TEST_V7_APP_ID, method: 'POST', path: riskPath, body });
    const send = () => fetch(v7.url + riskPath, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const results = await Promise.all([send(), send(), send()]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 401, 401]);
    const again = await send();
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { id: string } }).error.id).toBe('v7.nonce_replayed');
  });

  it('answers 404 with a JSON error for an unknown API path', async () => {
    const res = await signedFetch(v7.url, 'GET', '/v7/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe('v7.not_found');
  });
});

describe('real-time checks', () => {
  it('are deterministic from the ID number', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => buildIdNumber(200 + i));
    for (const idNumber of ids) {
      const risk = (await (await signedFetch(v7.url, 'POST', riskPath, { idNumber })).json()) as { level: string };
      const judicial = (await (await signedFetch(v7.url, 'POST', '/v7/api/checks/judicial', { idNumber })).json()) as Record<
        string,
        unknown
      >;
      expect(risk.level).toBe(derivedRiskLevel(idNumber));
      expect(judicial).toEqual({ ...derivedJudicial(idNumber), checkedAt: expect.any(String) });
    }
  });

  it('derive realistic shares of warnings over many people', () => {
    const levels = Array.from({ length: 5000 }, (_, i) => derivedRiskLevel(buildIdNumber(i % 1000, `19${50 + Math.floor(i / 1000)}0101`)));
    const none = levels.filter((l) => l === 'none').length / levels.length;
    expect(none).toBeGreaterThan(0.78);
    expect(none).toBeLessThan(0.9);
    expect(levels).toContain('high');
  });

  it('refuse an invalid ID number naming the field', async () => {
    const res = await signedFetch(v7.url, 'POST', riskPath, { idNumber: '321283198003150000' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { id: string; field: string } };
    expect(body.error).toMatchObject({ id: 'v7.invalid_request', field: 'idNumber' });
  });

  it('follow an admin override until it is removed', async () => {
    const idNumber = buildIdNumber(300);
    const put = await fetch(`${v7.url}/admin/checks/${idNumber}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ riskWarning: 'high', judicial: { dishonestDebtor: true, enforcement: false, frozenAssets: true } }),
    });
    expect(put.status).toBe(200);
    const risk = (await (await signedFetch(v7.url, 'POST', riskPath, { idNumber })).json()) as { level: string };
    expect(risk.level).toBe('high');
    const judicial = (await (await signedFetch(v7.url, 'POST', '/v7/api/checks/judicial', { idNumber })).json()) as Record<string, unknown>;
    expect(judicial).toMatchObject({ dishonestDebtor: true, enforcement: false, frozenAssets: true });

    expect((await fetch(`${v7.url}/admin/checks/${idNumber}`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await signedFetch(v7.url, 'POST', riskPath, { idNumber })).json()) as { level: string };
    expect(after.level).toBe(derivedRiskLevel(idNumber));
  });

  it('refuse an override with an unknown level', async () => {
    const res = await fetch(`${v7.url}/admin/checks/${buildIdNumber(301)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ riskWarning: 'extreme' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('riskWarning');
  });
});

import { v7WebhookEventSchema } from '@sunshine/shared';
import { buildFilePush, buildPreCreditPush } from './factories';
import { signedFetch, startTestMockV7, type TestMockV7 } from './testing';
import { startReceiver, until, type Receiver } from './testReceiver';
import { backoffMs } from './webhooks';

let receiver: Receiver;
let v7: TestMockV7;
beforeAll(async () => {
  receiver = await startReceiver(4);
  v7 = await startTestMockV7({ webhookUrl: receiver.url });
});
afterAll(async () => {
  await v7.drop();
  await receiver.close();
});

async function appliedApplication(limit = 150_000) {
  const file = buildFilePush();
  await signedFetch(v7.url, 'POST', '/v7/api/files', file, { idempotencyKey: `f:${file.fileId}` });
  const app = buildPreCreditPush({ fileId: file.fileId, limit });
  expect((await signedFetch(v7.url, 'POST', '/v7/api/precredits', app, { idempotencyKey: `pc:${app.applicationId}` })).status).toBe(201);
  return app;
}

const admin = (path: string, body: unknown) =>
  fetch(`${v7.url}/admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('backoff', () => {
  it('doubles per attempt up to the cap, jittered over the upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 100, 1000, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, 100, 1000, () => 0)).toBe(200);
  });
});

describe('signing and drawdown webhooks', () => {
  it('delivers a signed signing event, retrying with growing delays until the receiver answers 2xx', async () => {
    const app = await appliedApplication();
    const sign = await admin(`/precredits/${app.applicationId}/sign`, { signedLimit: 120_000 });
    expect(sign.status).toBe(201);
    const event = (await sign.json()) as { eventId: string };

    const deliveries = await until(async () => {
      const rows = receiver.received.filter((r) => r.eventId === event.eventId);
      return rows.some((r) => r.status === 204) ? rows : undefined;
    });
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 500, 500, 204]);
    expect(deliveries.every((d) => d.signatureValid)).toBe(true);
    // Same event, byte for byte, on every attempt.
    expect(new Set(deliveries.map((d) => d.body)).size).toBe(1);
    const parsed = v7WebhookEventSchema.parse(JSON.parse(deliveries[0]!.body));
    expect(parsed).toMatchObject({ type: 'precredit.signed', applicationId: app.applicationId, data: { signedLimit: 120_000 } });
    const gaps = deliveries.slice(1).map((d, i) => d.at - deliveries[i]!.at);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]!);

    const listed = (await (await fetch(`${v7.url}/admin/webhooks?applicationId=${app.applicationId}`)).json()) as Record<string, unknown>[];
    expect(listed).toEqual([expect.objectContaining({ eventId: event.eventId, state: 'delivered', attempts: 5, lastStatus: 204 })]);

    const status = (await (await signedFetch(v7.url, 'GET', `/v7/api/precredits/${app.applicationId}`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'signed', signedLimit: 120_000 });
  });

  it('refuses a second signing and a signed limit above the pre-credit', async () => {
    const app = await appliedApplication(50_000);
    expect((await admin(`/precredits/${app.applicationId}/sign`, { signedLimit: 60_000 })).status).toBe(400);
    expect((await admin(`/precredits/${app.applicationId}/sign`, {})).status).toBe(201);
    const again = await admin(`/precredits/${app.applicationId}/sign`, {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { id: string } }).error.id).toBe('v7.already_signed');
    expect((await admin('/precredits/unknown/sign', {})).status).toBe(404);
  });

  it('sends one drawdown event per drawdown, each with its own id and the running used amount', async () => {
    receiver.failFirst = 0;
    const app = await appliedApplication(100_000);
    expect((await admin(`/precredits/${app.applicationId}/drawdowns`, { amount: 1000 })).status).toBe(409); // not signed yet
    await admin(`/precredits/${app.applicationId}/sign`, {});
    const d1 = (await (await admin(`/precredits/${app.applicationId}/drawdowns`, { amount: 30_000 })).json()) as { eventId: string };
    const d2 = (await (await admin(`/precredits/${app.applicationId}/drawdowns`, { amount: 20_000.5 })).json()) as { eventId: string };
    expect(d1.eventId).not.toBe(d2.eventId);
    expect((await admin(`/precredits/${app.applicationId}/drawdowns`, { amount: 60_000 })).status).toBe(400); // over the limit

    const bodies = await until(async () => {
      const got = receiver.received.filter((r) => r.eventId === d2.eventId && r.status === 204);
      return got.length > 0 ? got : undefined;
    });
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({ type: 'precredit.drawdown', data: { amount: 20_000.5, usedAmount: 50_000.5 } });
    const status = (await (await signedFetch(v7.url, 'GET', `/v7/api/precredits/${app.applicationId}`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ status: 'drawn', usedAmount: 50_000.5 });
  });
});

import { randomUUID } from 'node:crypto';
import { signV7Request, type V7WebhookEvent } from '@sunshine/shared';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildFilePush, buildPreCreditPush } from '../../../mock-v7/src/factories';
import { signedFetch, startTestMockV7, type TestMockV7 } from '../../../mock-v7/src/testing';

const PATH = '/api/v1/public/v7/webhooks';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

function buildSignedEvent(overrides: Partial<V7WebhookEvent> = {}): V7WebhookEvent {
  const applicationId = `app_${randomUUID().slice(0, 8)}`;
  return {
    eventId: `evt_sign_${applicationId}`,
    type: 'precredit.signed',
    occurredAt: '2026-12-02T10:00:00.000+08:00',
    applicationId,
    v7ApplicationNo: 'YXSX20261202ABCDEF0123',
    data: { contractNo: 'HT20261202ABCDEF0123', signedLimit: 100_000, signedAt: '2026-12-02T10:00:00.000+08:00' },
    ...overrides,
  } as V7WebhookEvent;
}

async function deliver(body: string, opts: { secret?: string; timestamp?: number; eventId?: string; path?: string } = {}) {
  const path = opts.path ?? PATH;
  const headers = await signV7Request({
    secret: opts.secret ?? t.config.v7.webhookSecret,
    appId: 'v7-provincial',
    method: 'POST',
    path,
    body,
    timestamp: opts.timestamp,
  });
  return t.api.request('POST', path, { body, headers: { ...headers, ...(opts.eventId ? { 'x-v7-event-id': opts.eventId } : {}) } });
}

describe('POST /api/v1/public/v7/webhooks', () => {
  it('requires a valid V7 signature (401 without one, with a wrong secret, or stale)', async () => {
    const body = JSON.stringify(buildSignedEvent());
    const unsigned = await t.api.request('POST', PATH, { body });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.id).toBe('v7_webhook.bad_signature');
    expect((await deliver(body, { secret: 'somebody-elses-secret' })).status).toBe(401);
    expect((await deliver(body, { timestamp: Date.now() - 10 * 60_000 })).status).toBe(401);
    expect(await t.db.models.V7Event.countDocuments()).toBe(0);
  });

  it('refuses a body changed after signing', async () => {
    const event = buildSignedEvent();
    const headers = await signV7Request({
      secret: t.config.v7.webhookSecret,
      appId: 'v7-provincial',
      method: 'POST',
      path: PATH,
      body: JSON.stringify(event),
    });
    const forged = JSON.stringify({ ...event, data: { ...event.data, signedLimit: 200_000 } });
    const res = await t.api.request('POST', PATH, { body: forged, headers: { ...headers } });
    expect(res.status).toBe(401);
  });

  it('stores an event once: a redelivery answers 200 as a duplicate', async () => {
    const event = buildSignedEvent();
    const body = JSON.stringify(event);
    const first = await deliver(body, { eventId: event.eventId });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, eventId: event.eventId, duplicate: false });
    const again = await deliver(body, { eventId: event.eventId });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    const stored = await t.db.models.V7Event.findById(event.eventId).lean();
    // Applied on receipt (bff/commands/v7Sync/applyV7Events.ts); an application this bank does not know changes no portrait.
    expect(stored).toMatchObject({ type: 'precredit.signed', applicationId: event.applicationId, processedAt: expect.any(Date) });
    expect(await t.db.models.CreditUsage.countDocuments({})).toBe(0);
  });

  it('stores an event once under 20 concurrent deliveries', async () => {
    const event = buildSignedEvent();
    const body = JSON.stringify(event);
    const results = await Promise.all(Array.from({ length: 20 }, () => deliver(body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    expect(await t.db.models.V7Event.countDocuments({ _id: event.eventId })).toBe(1);
  });

  it('refuses a signed but invalid event naming the field', async () => {
    const bad = { ...buildSignedEvent(), data: { contractNo: 'HT1', signedAt: '2026-12-02T10:00:00.000+08:00' } };
    const res = await deliver(JSON.stringify(bad));
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('data.signedLimit');
    const mismatch = buildSignedEvent();
    const res2 = await deliver(JSON.stringify(mismatch), { eventId: 'evt_other' });
    expect(res2.status).toBe(400);
    expect(res2.body.error.field).toBe('eventId');
  });

  // A public endpoint has no data scope; an event about an application this bank never sent
  // is still acknowledged (V7 would otherwise retry forever) and left for reconciliation.
  it('acknowledges an event for an unknown application without exposing anything', async () => {
    const res = await deliver(JSON.stringify(buildSignedEvent({ applicationId: 'not-ours' })));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['duplicate', 'eventId', 'received']);
  });

  describe('from a real mock-v7', () => {
    let v7: TestMockV7;
    beforeAll(async () => {
      v7 = await startTestMockV7({ webhookUrl: `${t.baseUrl}${PATH}` });
    });
    afterAll(async () => {
      await v7.drop();
    });

    it('receives the signing and drawdown events V7 sends, once each', async () => {
      const file = buildFilePush();
      await signedFetch(v7.url, 'POST', '/v7/api/files', file, { idempotencyKey: `f:${file.fileId}` });
      const app = buildPreCreditPush({ fileId: file.fileId, limit: 90_000 });
      expect((await signedFetch(v7.url, 'POST', '/v7/api/precredits', app, { idempotencyKey: `p:${app.applicationId}` })).status).toBe(201);
      const post = (p: string, b: unknown) =>
        fetch(`${v7.url}/admin${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      expect((await post(`/precredits/${app.applicationId}/sign`, {})).status).toBe(201);
      expect((await post(`/precredits/${app.applicationId}/drawdowns`, { amount: 25_000 })).status).toBe(201);

      const deadline = Date.now() + 15_000;
      let events: { type: string }[] = [];
      while (Date.now() < deadline) {
        events = await t.db.models.V7Event.find({ applicationId: app.applicationId }).lean();
        if (events.length === 2) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(events.map((e) => e.type).sort()).toEqual(['precredit.drawdown', 'precredit.signed']);
      const deliveries = (await (await fetch(`${v7.url}/admin/webhooks?applicationId=${app.applicationId}`)).json()) as { state: string }[];
      expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    });
  });
});

import { buildFilePush, buildPreCreditPush } from './factories';
import { signedFetch, startTestMockV7, type TestMockV7 } from './testing';

let v7: TestMockV7;
beforeAll(async () => {
  v7 = await startTestMockV7();
});
afterAll(async () => {
  await v7.drop();
});

type Json = Record<string, any>;
const push = (path: string, body: unknown, key: string) => signedFetch(v7.url, 'POST', path, body, { idempotencyKey: key });
const json = async (res: Response) => (await res.json()) as Json;

async function pushedFile() {
  const file = buildFilePush();
  const res = await push('/v7/api/files', file, `file:${file.fileId}:1`);
  expect(res.status).toBe(201);
  return file;
}

async function adminPreCredits(): Promise<{ applicationId: string; limit: number; receivedAt: string }[]> {
  return (await (await fetch(`${v7.url}/admin/precredits`)).json()) as { applicationId: string; limit: number; receivedAt: string }[];
}

describe('household files', () => {
  it('archives a file version and reports its sync status', async () => {
    const file = buildFilePush();
    const res = await push('/v7/api/files', file, `file:${file.fileId}:1`);
    expect(res.status).toBe(201);
    const ack = await json(res);
    expect(ack).toMatchObject({
      fileId: file.fileId,
      version: 1,
      status: 'archived',
      v7FileNo: expect.stringMatching(/^DA\d{8}[0-9A-F]{10}$/),
    });

    const v2 = await push('/v7/api/files', { ...file, version: 2 }, `file:${file.fileId}:2`);
    expect(v2.status).toBe(201);
    const status = await json(await signedFetch(v7.url, 'GET', `/v7/api/files/${file.fileId}`));
    expect(status).toMatchObject({ fileId: file.fileId, version: 2, status: 'archived' });
  });

  it('answers 404 for a file it never received', async () => {
    const res = await signedFetch(v7.url, 'GET', '/v7/api/files/never-sent');
    expect(res.status).toBe(404);
    expect((await json(res)).error.id).toBe('v7.not_found');
  });

  it('refuses the same version with different content, under another key', async () => {
    const file = await pushedFile();
    const res = await push('/v7/api/files', { ...file, householdNo: 'TX-CHANGED' }, 'another-key');
    expect(res.status).toBe(409);
    expect((await json(res)).error.id).toBe('v7.file_version_conflict');
  });

  it('requires an Idempotency-Key on writes', async () => {
    const res = await signedFetch(v7.url, 'POST', '/v7/api/files', buildFilePush());
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ id: 'v7.idempotency_key_required', field: 'Idempotency-Key' });
  });

  it('refuses an invalid file naming the field', async () => {
    const res = await push('/v7/api/files', buildFilePush({ version: 0 }), 'bad-file');
    expect(res.status).toBe(400);
    expect((await json(res)).error.field).toBe('version');
  });
});

describe('pre-credit applications', () => {
  it('applies one, reports its status and lists it for the acceptance tests', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId, limit: 120_000 });
    const res = await push('/v7/api/precredits', app, `precredit:${app.applicationId}`);
    expect(res.status).toBe(201);
    const ack = await json(res);
    expect(ack).toMatchObject({
      applicationId: app.applicationId,
      status: 'applied',
      limit: 120_000,
      duplicate: false,
      usedAmount: 0,
      signedLimit: null,
    });

    const status = await json(await signedFetch(v7.url, 'GET', `/v7/api/precredits/${app.applicationId}`));
    expect(status).toMatchObject({ applicationId: app.applicationId, v7ApplicationNo: ack.v7ApplicationNo, status: 'applied' });

    const listed = (await adminPreCredits()).filter((p) => p.applicationId === app.applicationId);
    expect(listed).toEqual([{ applicationId: app.applicationId, limit: 120_000, receivedAt: expect.any(String) }]);
    expect(Number.isNaN(Date.parse(listed[0]!.receivedAt))).toBe(false);
  });

  it('refuses an application whose household file V7 has not received', async () => {
    const app = buildPreCreditPush({ fileId: 'hh_not_synced' });
    const res = await push('/v7/api/precredits', app, `precredit:${app.applicationId}`);
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({ id: 'v7.file_not_found', field: 'fileId' });
    // The refusal is not stored under the key: once the file arrives, the same retry succeeds.
    await push('/v7/api/files', buildFilePush({ fileId: 'hh_not_synced' }), 'file:hh_not_synced:1');
    const retry = await push('/v7/api/precredits', app, `precredit:${app.applicationId}`);
    expect(retry.status).toBe(201);
  });

  it('refuses a limit that is not a multiple of 1,000 or above the ceiling', async () => {
    const file = await pushedFile();
    for (const limit of [150_500, 201_000]) {
      const res = await push('/v7/api/precredits', buildPreCreditPush({ fileId: file.fileId, limit }), `bad-limit-${limit}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.field).toBe('limit');
    }
  });

  it('replays the stored answer for the same key and body', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId });
    const first = await push('/v7/api/precredits', app, `precredit:${app.applicationId}`);
    const firstBody = await json(first);
    const again = await push('/v7/api/precredits', app, `precredit:${app.applicationId}`);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(firstBody);
  });

  it('refuses the same key with a different body with 422', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId });
    expect((await push('/v7/api/precredits', app, `precredit:${app.applicationId}`)).status).toBe(201);
    const changed = await push('/v7/api/precredits', { ...app, limit: 90_000 }, `precredit:${app.applicationId}`);
    expect(changed.status).toBe(422);
    expect((await json(changed)).error.id).toBe('v7.idempotency_mismatch');
    expect((await adminPreCredits()).find((p) => p.applicationId === app.applicationId)?.limit).toBe(150_000);
  });

  it('applies an application once when the bank resends it under a new key', async () => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId });
    expect((await push('/v7/api/precredits', app, 'k1')).status).toBe(201);
    const resent = await push('/v7/api/precredits', app, 'k2');
    expect(resent.status).toBe(200);
    expect(await json(resent)).toMatchObject({ applicationId: app.applicationId, duplicate: true });
    const conflicting = await push('/v7/api/precredits', { ...app, limit: 20_000 }, 'k3');
    expect(conflicting.status).toBe(409);
    expect((await json(conflicting)).error.id).toBe('v7.application_conflict');
  });

  it.each([
    ['the same Idempotency-Key', (_i: number, id: string) => `precredit:${id}`],
    ['a different Idempotency-Key each', (i: number, id: string) => `precredit:${id}:${i}`],
  ])('applies exactly once under 20 concurrent duplicate pushes with %s', async (_label, keyFor) => {
    const file = await pushedFile();
    const app = buildPreCreditPush({ fileId: file.fileId });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => push('/v7/api/precredits', app, keyFor(i, app.applicationId))));
    const statuses = results.map((r) => r.status);
    // Each answer is "applied" (201), "already applied" (200, or a replay) or "still in progress" (409).
    expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201 || s === 200).length).toBeGreaterThanOrEqual(1);
    const bodies = await Promise.all(results.map((r) => r.json() as Promise<Json>));
    const inProgress = bodies.filter((b) => b.error);
    expect(inProgress.every((b) => b.error.id === 'v7.request_in_progress')).toBe(true);

    expect((await adminPreCredits()).filter((p) => p.applicationId === app.applicationId)).toHaveLength(1);
    expect(await v7.models.PreCredit.countDocuments({ _id: app.applicationId })).toBe(1);
    // A retry after the storm gets the result, never a second application.
    const retry = await push('/v7/api/precredits', app, keyFor(0, app.applicationId));
    expect([200, 201]).toContain(retry.status);
    expect((await adminPreCredits()).filter((p) => p.applicationId === app.applicationId)).toHaveLength(1);
  });

  it('answers 404 for the status of an application it never received', async () => {
    const res = await signedFetch(v7.url, 'GET', '/v7/api/precredits/nope');
    expect(res.status).toBe(404);
  });
});

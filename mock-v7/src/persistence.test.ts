import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signV7Request } from '@sunshine/shared';
import { buildFilePush, buildPreCreditPush } from './factories';
import { TEST_V7_APP_ID, TEST_V7_APP_SECRET, dropDatabase, signedFetch, testV7DatabaseUri } from './testing';
import { startReceiver, until, type Receiver } from './testReceiver';

/**
 * The simulator as a real process (mock-v7/src/main.ts), killed with SIGKILL and started
 * again on the same database: what it applied, its idempotency keys, its nonces and its
 * pending webhook deliveries all survive.
 */
const repoRoot = path.resolve(__dirname, '../..');

async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mock-v7/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock-v7 did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`mock-v7 exited (${code}): ${output}`)));
  });
  return { child, url };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

let receiver: Receiver;
const dbUri = testV7DatabaseUri();
let env: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = await startReceiver(Number.MAX_SAFE_INTEGER);
  env = {
    MOCK_V7_MONGODB_URI: dbUri,
    MOCK_V7_PORT: '0',
    MOCK_V7_LATENCY_MS: '0',
    V7_WEBHOOK_URL: receiver.url,
    MOCK_V7_WEBHOOK_BASE_DELAY_MS: '50',
    MOCK_V7_WEBHOOK_MAX_DELAY_MS: '200',
  };
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) await kill(c);
  await receiver.close();
  await dropDatabase(dbUri);
});

it('keeps applications, idempotency keys, nonces and pending webhooks across a SIGKILL', async () => {
  const first = await startProcess(env);
  children.push(first.child);
  const file = buildFilePush();
  expect((await signedFetch(first.url, 'POST', '/v7/api/files', file, { idempotencyKey: `f:${file.fileId}` })).status).toBe(201);
  const app = buildPreCreditPush({ fileId: file.fileId, limit: 80_000 });
  const key = `pc:${app.applicationId}`;
  const applied = await signedFetch(first.url, 'POST', '/v7/api/precredits', app, { idempotencyKey: key });
  expect(applied.status).toBe(201);
  const appliedBody = await applied.json();

  const checkPath = '/v7/api/checks/judicial';
  const checkBody = JSON.stringify({ idNumber: app.applicant.idNumber });
  const used = await signV7Request({ secret: TEST_V7_APP_SECRET, appId: TEST_V7_APP_ID, method: 'POST', path: checkPath, body: checkBody });
  const sendUsed = (base: string) =>
    fetch(base + checkPath, { method: 'POST', headers: { ...used, 'content-type': 'application/json' }, body: checkBody });
  expect((await sendUsed(first.url)).status).toBe(200);

  const sign = await fetch(`${first.url}/admin/precredits/${app.applicationId}/sign`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const { eventId } = (await sign.json()) as { eventId: string };
  // The bank is failing: the delivery is being retried when the simulator dies.
  await until(async () => (receiver.received.filter((r) => r.eventId === eventId).length >= 2 ? true : undefined));
  await kill(first.child);

  receiver.failFirst = 0;
  const second = await startProcess(env);
  children.push(second.child);

  const delivered = await until(async () => receiver.received.find((r) => r.eventId === eventId && r.status === 204));
  expect(delivered.signatureValid).toBe(true);

  const listed = (await (await fetch(`${second.url}/admin/precredits`)).json()) as { applicationId: string; limit: number }[];
  expect(listed).toEqual([{ applicationId: app.applicationId, limit: 80_000, receivedAt: expect.any(String) }]);

  const replay = await signedFetch(second.url, 'POST', '/v7/api/precredits', app, { idempotencyKey: key });
  expect(replay.status).toBe(201);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await replay.json()).toEqual(appliedBody);
  const resent = await signedFetch(second.url, 'POST', '/v7/api/precredits', app, { idempotencyKey: 'another-key' });
  expect(resent.status).toBe(200);
  expect(((await resent.json()) as { duplicate: boolean }).duplicate).toBe(true);

  const replayedNonce = await sendUsed(second.url);
  expect(replayedNonce.status).toBe(401);
  expect(((await replayedNonce.json()) as { error: { id: string } }).error.id).toBe('v7.nonce_replayed');

  const status = (await (await signedFetch(second.url, 'GET', `/v7/api/precredits/${app.applicationId}`)).json()) as { status: string };
  expect(status.status).toBe('signed');
  const hooks = (await (await fetch(`${second.url}/admin/webhooks`)).json()) as { eventId: string; state: string; attempts: number }[];
  expect(hooks).toEqual([expect.objectContaining({ eventId, state: 'delivered' })]);
  // The first failure was stored before the second attempt was made; the kill may lose the second's record.
  expect(hooks[0]!.attempts).toBeGreaterThanOrEqual(2);
});

import path from 'node:path';
import { startTestApp, type TestApp } from '../../bff/testing/testApp';
import { seedDemoBank } from '../../bff/demo/seedDemoBank';
import { createLogger } from '../../bff/src/logger';
import { createV7Client } from '../../bff/clients/v7Client';
import { V7SyncQueue } from '../../bff/jobs/v7Sync/syncQueue';
import { startV7SyncWorker } from '../../bff/jobs/v7Sync/syncWorker';
import { loadV7SyncSettings } from '../../bff/jobs/v7Sync/syncSettings';
import { dropDatabase, testV7DatabaseUri, TEST_V7_APP_ID, TEST_V7_APP_SECRET, TEST_V7_WEBHOOK_SECRET } from '../../mock-v7/src/testing';
import { freePort, runTs, waitForHttp, type Proc } from './processes';

/**
 * The whole stack for cross-package and end-to-end tests: the real BFF on port 0 against a
 * fresh database on the real MongoDB-wire server and the real Redis, a WeChat API
 * simulator, a small demo bank (the accounts of api-contract.md, password Demo@2026), and
 * the H5 build of the mini program served at `/` when it has been built.
 *
 * With `v7: true` the V7 simulator runs too, as its own process (mock-v7/src/main.ts, its own
 * fresh database, webhooks signed to this BFF), and a V7 sync worker and sweeper run against
 * the BFF's queue with the production settings, as `V7_SYNC_WORKER=1` runs them in a BFF.
 */
export interface TestStack {
  baseUrl: string;
  app: TestApp;
  /** The V7 simulator process, when started with `v7: true`. */
  v7?: StackV7;
  stop(): Promise<void>;
}

export interface StackV7 {
  url: string;
  proc: Proc;
  /** A call to the simulator's operator console (`/admin/...`), as a demo operator makes it. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export const H5_DIST = process.env.H5_DIST_DIR ?? path.resolve(__dirname, '../../miniapp/dist-h5');

export async function startTestStack(opts: { households?: number; v7?: boolean } = {}): Promise<TestStack> {
  // The BFF must know V7's address before V7 knows the BFF's webhook URL: reserve V7's port first.
  const v7Port = opts.v7 ? await freePort() : 0;
  const v7Url = `http://127.0.0.1:${v7Port}`;
  const app = await startTestApp({
    h5Dist: H5_DIST,
    ...(opts.v7
      ? {
          env: {
            V7_BASE_URL: v7Url,
            V7_APP_ID: TEST_V7_APP_ID,
            V7_APP_SECRET: TEST_V7_APP_SECRET,
            V7_WEBHOOK_SECRET: TEST_V7_WEBHOOK_SECRET,
          },
        }
      : {}),
  });
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await app.stop();
  };
  try {
    await seedDemoBank(app.db.models, app.crypto, { seed: 20261128, households: opts.households ?? 300 });
    const v7 = opts.v7 ? await startV7(app, v7Port, v7Url, closers) : undefined;
    return { baseUrl: app.baseUrl, app, v7, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startV7(app: TestApp, port: number, url: string, closers: Array<() => Promise<void>>): Promise<StackV7> {
  const mongodbUri = testV7DatabaseUri();
  const proc = runTs('mock-v7/src/main.ts', {
    NODE_ENV: 'test',
    MOCK_V7_PORT: String(port),
    MOCK_V7_MONGODB_URI: mongodbUri,
    V7_APP_ID: TEST_V7_APP_ID,
    V7_APP_SECRET: TEST_V7_APP_SECRET,
    V7_WEBHOOK_URL: `${app.baseUrl}/api/v1/public/v7/webhooks`,
    V7_WEBHOOK_SECRET: TEST_V7_WEBHOOK_SECRET,
    // The simulator's default latency stays; a failed webhook is retried sooner than a demo's 1 s.
    MOCK_V7_WEBHOOK_BASE_DELAY_MS: '200',
  });
  closers.push(async () => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
    await dropDatabase(mongodbUri);
  });
  await waitForHttp(`${url}/healthz`).catch((err: unknown) => {
    throw new Error(`mock-v7 did not start: ${String(err)}\n${proc.output()}`);
  });

  // The worker a BFF runs with V7_SYNC_WORKER=1, on this BFF's queue and database.
  const config = app.config;
  const settings = loadV7SyncSettings({ V7_SYNC_WORKER: '1' }, config.env);
  const queue = new V7SyncQueue({ redisUrl: config.redisUrl, redisPrefix: config.redisPrefix }, () => undefined);
  const closeWorker = startV7SyncWorker(
    {
      models: app.db.models,
      crypto: app.crypto,
      v7: createV7Client({ baseUrl: url, ...config.v7 }),
      redis: app.redis,
      redisPrefix: config.redisPrefix,
      redisUrl: config.redisUrl,
      logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    },
    queue,
    settings,
  );
  closers.push(async () => {
    await closeWorker();
    await queue.close();
  });

  return {
    url,
    proc,
    async admin<T>(method: string, p: string, body?: unknown) {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}

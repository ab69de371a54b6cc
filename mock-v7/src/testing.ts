import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { signV7Request } from '@sunshine/shared';
import { DEV_V7_APP_SECRET, DEV_V7_WEBHOOK_SECRET, withDatabase } from './config';
import { startMockV7, type RunningMockV7, type StartOptions } from './server';

/**
 * A real simulator on port 0 with its own fresh database, for mock-v7's tests and for BFF
 * tests that need V7 (bff/clients/v7Client.test.ts). `drop()` stops it and drops the database.
 */
export interface TestMockV7 extends RunningMockV7 {
  config: StartOptions;
  drop(): Promise<void>;
}

export const TEST_V7_APP_ID = 'sunshine-bff';
export const TEST_V7_APP_SECRET = DEV_V7_APP_SECRET;
export const TEST_V7_WEBHOOK_SECRET = DEV_V7_WEBHOOK_SECRET;

export function testV7DatabaseUri(): string {
  const base = process.env.TEST_MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
  return withDatabase(base, `test_mockv7_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
}

export function testV7Config(overrides: Partial<StartOptions> = {}): StartOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    mongodbUri: testV7DatabaseUri(),
    appId: TEST_V7_APP_ID,
    appSecret: TEST_V7_APP_SECRET,
    webhookUrl: 'http://127.0.0.1:9/unused',
    webhookSecret: TEST_V7_WEBHOOK_SECRET,
    baseLatencyMs: 0,
    clockSkewMs: 300_000,
    webhookBaseDelayMs: 50,
    webhookMaxDelayMs: 1000,
    webhookPollMs: 50,
    ...overrides,
  };
}

export async function startTestMockV7(overrides: Partial<StartOptions> = {}): Promise<TestMockV7> {
  const config = testV7Config(overrides);
  const v7 = await startMockV7(config);
  return {
    ...v7,
    config,
    async drop() {
      await v7.stop();
      await dropDatabase(config.mongodbUri);
    },
  };
}

export async function dropDatabase(uri: string): Promise<void> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  await conn.dropDatabase();
  await conn.close();
}

/** One signed call to a simulator, as a raw Response (tests probe every refusal). */
export async function signedFetch(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  opts: {
    idempotencyKey?: string;
    secret?: string;
    appId?: string;
    timestamp?: number;
    nonce?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Response> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const signed = await signV7Request({
    secret: opts.secret ?? TEST_V7_APP_SECRET,
    appId: opts.appId ?? TEST_V7_APP_ID,
    method,
    path,
    body: text,
    timestamp: opts.timestamp,
    nonce: opts.nonce,
  });
  return fetch(baseUrl + path, {
    method,
    headers: {
      ...signed,
      ...(text ? { 'content-type': 'application/json' } : {}),
      ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
      ...opts.headers,
    },
    body: text || undefined,
  });
}

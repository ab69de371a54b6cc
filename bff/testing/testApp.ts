import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createApp } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createFieldCrypto, type FieldCrypto } from '../security/fieldCrypto';
import { createMockWechat } from '../../mock-wechat/src/app';
import { openTestDatabase, type TestDatabase } from './testDb';

/**
 * The real BFF on port 0, against a fresh database on the real MongoDB-wire server, the
 * real Redis (under a unique key prefix, so test files never see each other's keys) and a
 * real WeChat simulator on its own port.
 */
export interface TestApp {
  baseUrl: string;
  db: TestDatabase;
  redis: Redis;
  config: AppConfig;
  crypto: FieldCrypto;
  api: ApiClient;
  /** Stops the HTTP server but keeps the database (to test restarts). */
  stopServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartTestAppOptions {
  db?: TestDatabase;
  env?: Record<string, string>;
  h5Dist?: string;
}

export async function startTestApp(opts: StartTestAppOptions = {}): Promise<TestApp> {
  const db = opts.db ?? (await openTestDatabase('app'));
  const wechatServer = await listen(createMockWechat({ appId: 'wx-test', secret: 'test-secret' }).callback());
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: db.uri,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
    WECHAT_API_BASE: wechatServer.url,
    WECHAT_APPID: 'wx-test',
    WECHAT_SECRET: 'test-secret',
    // Many logins from one address in a test file; the limiter has its own test.
    AUTH_RATE_LIMIT_PER_MIN: '10000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(opts.h5Dist ? { H5_DIST: opts.h5Dist } : {}),
    ...opts.env,
  });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, enableAutoPipelining: true } /* as main.ts */);
  const app = createApp({ config, logger: createLogger(config.logLevel), conn: db.conn, redis });
  const server = await listen(app.callback());
  const stopServer = () => closeServer(server.server);
  return {
    baseUrl: server.url,
    db,
    redis,
    config,
    crypto: createFieldCrypto(config.dataKeys),
    api: apiClient(server.url),
    stopServer,
    async stop() {
      await stopServer();
      await closeServices(app.context.services);
      await closeServer(wechatServer.server);
      const keys = await redis.keys(`${config.redisPrefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      if (!opts.db) await db.drop();
    },
  };
}

/** Closes queues, workers and clients the app opened (newest first). */
export async function closeServices(services: { closers: Array<() => Promise<void>> }): Promise<void> {
  for (const close of [...services.closers].reverse()) await close().catch(() => undefined);
}

async function listen(handler: Parameters<typeof import('node:http').createServer>[1]): Promise<{ server: Server; url: string }> {
  const { createServer } = await import('node:http');
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  get<T = any>(path: string, token?: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  request<T = any>(
    method: string,
    path: string,
    init?: { body?: string | unknown; token?: string; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  login(username: string, password?: string): Promise<{ accessToken: string; refreshToken: string; user: any }>;
}

export function apiClient(baseUrl: string): ApiClient {
  const request = async (method: string, path: string, init: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const client: ApiClient = {
    request,
    get: (path, token) => request('GET', path, { token }),
    post: (path, body, token) => request('POST', path, { body: body ?? {}, token }),
    async login(username, password = 'Demo@2026') {
      const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
  return client;
}

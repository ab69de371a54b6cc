import { startTestApp, type TestApp } from '../testing/testApp';
import { openTestDatabase } from '../testing/testDb';
import { buildUser, TEST_PASSWORD } from '../testing/factories';

describe('error shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('unknown route → 404 in the error shape', async () => {
    const res = await t.api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { id: 'resource.not_found', message: expect.any(String) } });
  });

  it('malformed JSON → 400 naming the body, no internals', async () => {
    const res = await t.api.request('POST', '/api/v1/auth/login', {
      body: '{"username": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'request.invalid', field: 'body' });
    expect(JSON.stringify(res.body)).not.toMatch(/at |Error|stack|node_modules/);
  });

  it('a body over the limit → 413', async () => {
    const res = await t.api.request('POST', '/api/v1/auth/login', {
      body: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.id).toBe('request.too_large');
  });

  it('sets security headers and a request id', async () => {
    const res = await t.api.get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS for the H5 origin only', async () => {
    const ok = await t.api.request('OPTIONS', '/api/v1/auth/login', {
      headers: { Origin: t.config.h5Origin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(t.config.h5Origin);
    const evil = await t.api.request('OPTIONS', '/api/v1/auth/login', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('health', () => {
  it('reports db and redis ok, and 503 naming Redis when it is unreachable', async () => {
    const t = await startTestApp();
    try {
      const ok = await t.api.get('/healthz');
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
    } finally {
      await t.stop();
    }
    const broken = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const res = await broken.api.get('/healthz');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ db: 'ok', redis: 'down' });
    } finally {
      await broken.stop().catch(() => undefined);
    }
  });
});

describe('OpenAPI', () => {
  it('documents every route from the zod schemas, publicly', async () => {
    const t = await startTestApp();
    try {
      const res = await t.api.get('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toBe('3.1.0');
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/auth/login',
          '/api/v1/auth/refresh',
          '/api/v1/auth/logout',
          '/api/v1/households',
          '/api/v1/households/{id}',
          '/api/v1/me',
        ]),
      );
      const login = res.body.paths['/api/v1/auth/login'].post;
      expect(login.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
      expect(res.body.components.schemas.LoginRequest.required).toEqual(['username', 'password']);
      expect(JSON.stringify(res.body)).not.toContain('$defs');
      expect(login.security).toEqual([]);
      const list = res.body.paths['/api/v1/households'].get;
      expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['page', 'pageSize', 'villageCode', 'q']),
      );
    } finally {
      await t.stop();
    }
  });
});

describe('persistence across a BFF restart', () => {
  it('keeps accounts, lockout counters and sessions when the process is replaced', async () => {
    const db = await openTestDatabase('restart');
    try {
      const first = await startTestApp({ db });
      const u = await buildUser(db.models, { username: 'restart.user' });
      await first.api.post('/api/v1/auth/login', { username: u.username, password: 'bad' });
      const pair = await first.api.login(u.username, TEST_PASSWORD);
      await first.api.post('/api/v1/auth/login', { username: u.username, password: 'bad' });
      const prefix = first.config.redisPrefix;
      await first.stopServer();
      first.redis.disconnect();

      // A new app (new connection pool, new process state) on the same database and Redis.
      const second = await startTestApp({ db, env: { REDIS_PREFIX: prefix } });
      try {
        expect((await second.api.get('/api/v1/me', pair.accessToken)).status).toBe(200);
        expect(await second.db.models.LoginFailure.countDocuments({ userId: u._id })).toBe(2);
        expect((await second.api.post('/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(200);
      } finally {
        await second.stop();
      }
    } finally {
      await db.drop();
    }
  });
});

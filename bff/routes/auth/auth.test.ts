import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  const login = (username: string, password = TEST_PASSWORD) => t.api.post('/api/v1/auth/login', { username, password });

  it('logs in with the contract’s token pair and user', async () => {
    const u = await buildUser(t.db.models, { role: 'branch_president', branchId: '01', name: '王行长' });
    const res = await login(u.username);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: { id: String(u._id), username: u.username, role: 'branch_president', branchId: '01', name: '王行长' },
    });
    const me = await t.api.get('/api/v1/me', res.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(u.username);
  });

  it('answers 401 with the error shape for a wrong password or an unknown user', async () => {
    const u = await buildUser(t.db.models);
    for (const res of [await login(u.username, 'wrong-password'), await login('nobody.here', 'x')]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { id: 'auth.invalid_credentials', message: '用户名或密码错误' } });
    }
  });

  it('locks the account on the 6th attempt after 5 failures, even with the right password, for 15 minutes', async () => {
    const u = await buildUser(t.db.models);
    for (let i = 0; i < 5; i++) expect((await login(u.username, `bad-${i}`)).status).toBe(401);
    const sixth = await login(u.username);
    expect(sixth.status).toBe(423);
    expect(sixth.body.error.id).toBe('auth.locked');
    const stored = await t.db.models.User.findById(u._id).lean();
    const minutes = (stored!.lockedUntil!.getTime() - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(14.5);
    expect(minutes).toBeLessThanOrEqual(15);
    // Once the lock has run out (moved into the past here), the right password works again
    // and the failure count starts from zero.
    await t.db.models.User.updateOne({ _id: u._id }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await login(u.username)).status).toBe(200);
    const after = await t.db.models.User.findById(u._id).lean();
    expect(after?.lockedUntil).toBeNull();
    // …and one new failure does not lock it again.
    expect((await login(u.username, 'bad-again')).status).toBe(401);
    expect((await login(u.username)).status).toBe(200);
  });

  it('counts failures that arrive at the same moment (no lost updates)', async () => {
    const u = await buildUser(t.db.models);
    const parallel = await Promise.all(Array.from({ length: 8 }, (_, i) => login(u.username, `bad-${i}`)));
    expect(parallel.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    expect((await login(u.username)).status).toBe(423);
  });

  it('a success resets the failure count', async () => {
    const u = await buildUser(t.db.models);
    for (let i = 0; i < 4; i++) await login(u.username, 'bad');
    expect((await login(u.username)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login(u.username, 'bad');
    expect((await login(u.username)).status).toBe(200);
  });

  it('audits logins, failures and lockouts without secrets', async () => {
    const u = await buildUser(t.db.models);
    await login(u.username, 'bad-pw-secret');
    await login(u.username);
    const events = await t.db.models.AuditEvent.find({ username: u.username }).sort({ at: 1 }).lean();
    expect(events.map((e) => [e.event, e.outcome])).toEqual([
      ['auth.login', 'failure'],
      ['auth.login', 'success'],
    ]);
    expect(JSON.stringify(events)).not.toContain('bad-pw-secret');
  });

  describe('refresh tokens', () => {
    it('rotate: the new pair works, the old refresh token stops working', async () => {
      const u = await buildUser(t.db.models);
      const first = (await login(u.username)).body;
      const second = await t.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await t.api.get('/api/v1/me', second.body.accessToken)).status).toBe(200);
      const replay = await t.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.error.id).toBe('auth.refresh_invalid');
    });

    it('reuse of a rotated token revokes the whole session (also the newest tokens)', async () => {
      const u = await buildUser(t.db.models);
      const first = (await login(u.username)).body;
      const second = (await t.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken })).body;
      expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken })).status).toBe(401);
      expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
      expect((await t.api.get('/api/v1/me', second.accessToken)).status).toBe(401);
      const audit = await t.db.models.AuditEvent.findOne({ event: 'auth.refresh_reuse' }).lean();
      expect(audit).not.toBeNull();
    });

    it('logout revokes the access and the refresh token', async () => {
      const u = await buildUser(t.db.models);
      const pair = (await login(u.username)).body;
      expect((await t.api.post('/api/v1/auth/logout', {}, pair.accessToken)).status).toBe(204);
      expect((await t.api.get('/api/v1/me', pair.accessToken)).status).toBe(401);
      expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
    });
  });

  describe('access tokens', () => {
    let pair: { accessToken: string; user: { id: string } };
    beforeAll(async () => {
      const u = await buildUser(t.db.models);
      pair = (await login(u.username)).body;
    });

    it('no token → 401 with WWW-Authenticate', async () => {
      const res = await t.api.get('/api/v1/me');
      expect(res.status).toBe(401);
      expect(res.body.error.id).toBe('auth.unauthenticated');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('expired → 401 auth.token_expired', async () => {
      const claims = jwt.decode(pair.accessToken) as Record<string, unknown>;
      const expired = jwt.sign(
        { ...claims, iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 60 },
        t.config.jwtSecret,
        {
          algorithm: 'HS256',
        },
      );
      const res = await t.api.get('/api/v1/me', expired);
      expect(res.status).toBe(401);
      expect(res.body.error.id).toBe('auth.token_expired');
    });

    it('tampered payload (role raised to admin) → 401', async () => {
      const [h, p, s] = pair.accessToken.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url');
      const res = await t.api.get('/api/v1/me', `${h}.${forged}.${s}`);
      expect(res.status).toBe(401);
      expect(res.body.error.id).toBe('auth.invalid_token');
    });

    it('alg: none → 401', async () => {
      const payload = jwt.decode(pair.accessToken) as Record<string, unknown>;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
      const res = await t.api.get('/api/v1/me', none);
      expect(res.status).toBe(401);
    });

    it('signed with another secret → 401', async () => {
      const payload = jwt.decode(pair.accessToken) as Record<string, unknown>;
      const other = jwt.sign(payload, 'another-secret-another-secret-another-secret', { algorithm: 'HS256' });
      expect((await t.api.get('/api/v1/me', other)).status).toBe(401);
    });
  });

  describe('WeChat login', () => {
    it('first login asks to bind; bind with username and password; later logins go straight in', async () => {
      const u = await buildUser(t.db.models, { name: '李经理' });
      const first = await t.api.post('/api/v1/auth/wechat/login', { code: 'sim-code-li.1' });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ bindRequired: true, bindToken: expect.any(String) });

      const badBind = await t.api.post('/api/v1/auth/wechat/bind', {
        bindToken: first.body.bindToken,
        username: u.username,
        password: 'wrong',
      });
      expect(badBind.status).toBe(401);

      const bound = await t.api.post('/api/v1/auth/wechat/bind', {
        bindToken: first.body.bindToken,
        username: u.username,
        password: TEST_PASSWORD,
      });
      expect(bound.status).toBe(200);
      expect(bound.body.user.name).toBe('李经理');
      expect(JSON.stringify(bound.body)).not.toMatch(/session_key|openid/i);

      const again = await t.api.post('/api/v1/auth/wechat/login', { code: 'sim-code-li.2' });
      expect(again.status).toBe(200);
      expect(again.body.user.id).toBe(String(u._id));
      expect(again.body.accessToken).toEqual(expect.any(String));
    });

    it('refuses a used or invalid code and a forged bind token', async () => {
      await t.api.post('/api/v1/auth/wechat/login', { code: 'sim-code-once.1' });
      expect((await t.api.post('/api/v1/auth/wechat/login', { code: 'sim-code-once.1' })).status).toBe(401);
      expect((await t.api.post('/api/v1/auth/wechat/login', { code: 'garbage' })).status).toBe(401);
      const u = await buildUser(t.db.models);
      const forged = jwt.sign({ openid: 'o_forged' }, 'not-the-secret-not-the-secret-not-the-secret', { algorithm: 'HS256' });
      const res = await t.api.post('/api/v1/auth/wechat/bind', { bindToken: forged, username: u.username, password: TEST_PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.error.id).toBe('auth.wechat_bind_invalid');
    });

    it('an access token is not a bind token and vice versa', async () => {
      const first = await t.api.post('/api/v1/auth/wechat/login', { code: 'sim-code-cross.1' });
      expect((await t.api.get('/api/v1/me', first.body.bindToken)).status).toBe(401);
    });
  });

  it('names the invalid fields', async () => {
    const res = await t.api.post('/api/v1/auth/login', { username: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'request.invalid', field: 'username', fields: ['username', 'password'] });
  });
});

describe('auth rate limit', () => {
  it('answers 429 past the per-address limit, with Retry-After', async () => {
    const t = await startTestApp({ env: { AUTH_RATE_LIMIT_PER_MIN: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.api.post('/api/v1/auth/login', { username: 'x', password: 'y' })).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await t.api.post('/api/v1/auth/login', { username: 'x', password: 'y' });
      expect(res.body.error.id).toBe('request.rate_limited');
      expect(res.headers.get('retry-after')).toBe('60');
    } finally {
      await t.stop();
    }
  });
});

describe('session idle timeout', () => {
  it('ends a session after the idle limit; requests within it keep it alive', async () => {
    const t = await startTestApp({ env: { SESSION_IDLE_SEC: '2' } });
    try {
      const u = await buildUser(t.db.models);
      const pair = (await t.api.post('/api/v1/auth/login', { username: u.username, password: TEST_PASSWORD })).body;
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        expect((await t.api.get('/api/v1/me', pair.accessToken)).status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 2500));
      expect((await t.api.get('/api/v1/me', pair.accessToken)).status).toBe(401);
      expect((await t.api.post('/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
    } finally {
      await t.stop();
    }
  });
});

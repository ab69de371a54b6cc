import Taro from '@tarojs/taro';
import type { TokenPair } from '@sunshine/shared';
import { resetTaroStub } from '../../test/taroStub';
import { getSession, saveTokenPair } from '../stores/session';
import { ApiError, request } from './request';

type Call = { url: string; method?: string; data?: unknown; header: Record<string, string> };
type Reply = { statusCode: number; data: unknown };

const requestMock = Taro.request as unknown as jest.Mock<Promise<Reply>, [Call]>;
const reLaunchMock = Taro.reLaunch as unknown as jest.Mock;

const user = { id: 'u1', username: 'm.01.01', role: 'manager' as const, branchId: 'b01', name: '王经理' };

function pair(n: number): TokenPair {
  return { accessToken: `access-${n}`, refreshToken: `refresh-${n}-xxxxxxxxxxxxxxxx`, expiresIn: 900, user };
}

function bearer(call: Call): string | undefined {
  return call.header.Authorization?.replace('Bearer ', '');
}

/** A tiny fake BFF: `valid` is the access token it accepts; refresh rotates to the next pair. */
function fakeServer(opts: { valid: string; refresh: 'ok' | 'fail'; refreshDelayMs?: number }) {
  let current = opts.valid;
  let next = 2;
  requestMock.mockImplementation(async (call) => {
    if (call.url.endsWith('/api/v1/auth/refresh')) {
      await new Promise((r) => setTimeout(r, opts.refreshDelayMs ?? 5));
      if (opts.refresh === 'fail') {
        return { statusCode: 401, data: { error: { id: 'auth.refresh_invalid', message: 'refresh token invalid' } } };
      }
      const fresh = pair(next++);
      current = fresh.accessToken;
      return { statusCode: 200, data: fresh };
    }
    if (bearer(call) !== current) {
      return { statusCode: 401, data: { error: { id: 'auth.token_expired', message: 'token expired' } } };
    }
    return { statusCode: 200, data: { path: call.url, token: bearer(call) } };
  });
  return { rotateServerSide: () => (current = 'server-rotated') };
}

const refreshCalls = () => requestMock.mock.calls.filter(([c]) => c.url.endsWith('/auth/refresh')).length;

beforeEach(() => {
  resetTaroStub();
  reLaunchMock.mockImplementation(() => Promise.resolve());
});

describe('request()', () => {
  it('sends the bearer token and resolves with the body', async () => {
    saveTokenPair(pair(1));
    fakeServer({ valid: 'access-1', refresh: 'ok' });

    await expect(request({ path: '/me' })).resolves.toEqual({ path: '/api/v1/me', token: 'access-1' });
    const [call] = requestMock.mock.calls[0]!;
    expect(call.header.Authorization).toBe('Bearer access-1');
    expect(call.url).toBe('/api/v1/me'); // H5: same origin, relative URL
  });

  it('builds the query string and skips undefined values', async () => {
    saveTokenPair(pair(1));
    fakeServer({ valid: 'access-1', refresh: 'ok' });
    await request({ path: '/households', query: { page: 2, pageSize: 20, q: undefined } });
    expect(requestMock.mock.calls[0]![0].url).toBe('/api/v1/households?page=2&pageSize=20');
  });

  it('shares ONE refresh between concurrent 401s and retries each request with the new token', async () => {
    saveTokenPair(pair(1));
    fakeServer({ valid: 'expired-on-server', refresh: 'ok', refreshDelayMs: 20 });

    const results = await Promise.all([
      request<{ token: string }>({ path: '/me' }),
      request<{ token: string }>({ path: '/households' }),
      request<{ token: string }>({ path: '/households', query: { page: 2 } }),
    ]);

    expect(refreshCalls()).toBe(1);
    expect(results.map((r) => r.token)).toEqual(['access-2', 'access-2', 'access-2']);
    expect(getSession()?.accessToken).toBe('access-2');
    expect(getSession()?.refreshToken).toBe(pair(2).refreshToken);
    // The refresh sent the stored refresh token, without a bearer header.
    const refresh = requestMock.mock.calls.find(([c]) => c.url.endsWith('/auth/refresh'))![0];
    expect(refresh.data).toEqual({ refreshToken: pair(1).refreshToken });
    expect(refresh.header.Authorization).toBeUndefined();
    expect(reLaunchMock).not.toHaveBeenCalled();
  });

  it('does not refresh again for a 401 that raced a refresh already done', async () => {
    saveTokenPair(pair(1));
    fakeServer({ valid: 'access-1', refresh: 'ok' });
    // The server answers 401 to the old token only after another request stored access-9.
    requestMock.mockImplementationOnce(async () => {
      saveTokenPair(pair(9));
      return { statusCode: 401, data: { error: { id: 'auth.token_expired', message: 'expired' } } };
    });
    requestMock.mockImplementationOnce(async (call) => ({ statusCode: 200, data: { token: bearer(call) } }));

    await expect(request({ path: '/me' })).resolves.toEqual({ token: 'access-9' });
    expect(refreshCalls()).toBe(0);
  });

  it('on refresh failure clears the session, goes to login once, and rejects every waiter', async () => {
    saveTokenPair(pair(1));
    fakeServer({ valid: 'nope', refresh: 'fail' });

    const outcomes = await Promise.allSettled([request({ path: '/me' }), request({ path: '/households' })]);

    expect(refreshCalls()).toBe(1);
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      const err = (o as PromiseRejectedResult).reason as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(401);
      expect(err.userMessage).toBe('登录已过期,请重新登录');
    }
    expect(getSession()).toBeNull();
    expect(reLaunchMock).toHaveBeenCalledTimes(1);
    expect(reLaunchMock).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('goes to login without a refresh when there is no session at all', async () => {
    requestMock.mockResolvedValue({ statusCode: 401, data: { error: { id: 'auth.unauthenticated', message: 'no token' } } });
    await expect(request({ path: '/me' })).rejects.toMatchObject({ status: 401 });
    expect(refreshCalls()).toBe(0);
    expect(reLaunchMock).toHaveBeenCalledTimes(1);
  });

  it('does not redirect when the user is already on the login page', async () => {
    (Taro.getCurrentPages as unknown as jest.Mock).mockReturnValue([{ route: 'pages/login/index' }]);
    requestMock.mockResolvedValue({ statusCode: 401, data: { error: { id: 'auth.unauthenticated', message: 'no token' } } });
    await expect(request({ path: '/me' })).rejects.toBeInstanceOf(ApiError);
    expect(reLaunchMock).not.toHaveBeenCalled();
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    saveTokenPair(pair(1));
    requestMock.mockImplementation(async (call) => {
      if (call.url.endsWith('/auth/refresh')) throw { errMsg: 'request:fail timeout' };
      return { statusCode: 401, data: { error: { id: 'auth.token_expired', message: 'expired' } } };
    });
    await expect(request({ path: '/me' })).rejects.toMatchObject({ id: 'client.network', status: 0 });
    expect(getSession()?.accessToken).toBe('access-1');
    expect(reLaunchMock).not.toHaveBeenCalled();
  });
});

describe('a customer’s session', () => {
  const customer = { id: 'c1', username: 'customer', role: 'customer' as const, branchId: null, name: '张先生' };
  const customerPair = (n: number): TokenPair => ({
    accessToken: `c-access-${n}`,
    refreshToken: `c-refresh-${n}-xxxxxxxxxxxxxxxx`,
    expiresIn: 900,
    user: customer,
  });

  /** As the BFF does: each refresh endpoint rotates only its own kind of session. */
  function twoEndpointServer() {
    let valid = 'c-access-2';
    requestMock.mockImplementation(async (call) => {
      const token = (call.data as { refreshToken?: string } | undefined)?.refreshToken ?? '';
      if (call.url.endsWith('/api/v1/auth/refresh') || call.url.endsWith('/api/v1/public/customer/refresh')) {
        const customerEndpoint = call.url.includes('/public/customer/');
        if (customerEndpoint !== token.startsWith('c-refresh-')) {
          return { statusCode: 401, data: { error: { id: 'auth.refresh_invalid', message: '登录已失效,请重新登录' } } };
        }
        const fresh = customerEndpoint ? customerPair(3) : pair(3);
        valid = fresh.accessToken;
        return { statusCode: 200, data: fresh };
      }
      if (bearer(call) !== valid) return { statusCode: 401, data: { error: { id: 'auth.token_expired', message: 'expired' } } };
      return { statusCode: 200, data: { token: bearer(call) } };
    });
  }

  it('refreshes through /public/customer/refresh and stays signed in', async () => {
    saveTokenPair(customerPair(1));
    twoEndpointServer();
    await expect(request({ path: '/customer/card' })).resolves.toEqual({ token: 'c-access-3' });
    const urls = requestMock.mock.calls.map(([c]) => c.url);
    expect(urls).toEqual(['/api/v1/customer/card', '/api/v1/public/customer/refresh', '/api/v1/customer/card']);
    expect(requestMock.mock.calls[1]![0].data).toEqual({ refreshToken: customerPair(1).refreshToken });
    expect(getSession()).toMatchObject({ accessToken: 'c-access-3', user: { role: 'customer' } });
    expect(reLaunchMock).not.toHaveBeenCalled();
  });

  it('a staff session still refreshes through /auth/refresh', async () => {
    saveTokenPair(pair(1));
    twoEndpointServer();
    await expect(request({ path: '/me' })).resolves.toEqual({ token: 'access-3' });
    expect(requestMock.mock.calls[1]![0].url).toBe('/api/v1/auth/refresh');
  });
});

describe('error mapping', () => {
  const signIn = () => request({ method: 'POST', path: '/auth/login', data: { username: 'x', password: 'y' }, auth: false });

  it.each([
    [401, { id: 'auth.invalid_credentials', message: 'invalid username or password' }, '用户名或密码错误'],
    [423, { id: 'auth.locked', message: 'account locked' }, '账号已锁定,请15分钟后再试'],
    [400, { id: 'request.invalid', message: 'Invalid input', field: 'username' }, '用户名:格式不正确'],
    [400, { id: 'request.invalid', message: '请输入密码', field: 'password' }, '请输入密码'],
    [429, { id: 'request.rate_limited', message: 'slow down' }, '操作过于频繁,请稍后再试'],
    [500, { id: 'server.internal', message: 'Internal error' }, '服务暂时不可用,请稍后再试'],
  ])('%i %o → %s', async (status, error, text) => {
    requestMock.mockResolvedValue({ statusCode: status, data: { error } });
    const err = (await signIn().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status, id: error.id, message: error.message, field: (error as { field?: string }).field });
    expect(err.userMessage).toBe(text);
  });

  it('never refreshes on a sign-in 401 (it means a wrong password)', async () => {
    saveTokenPair(pair(1));
    requestMock.mockResolvedValue({ statusCode: 401, data: { error: { id: 'auth.invalid_credentials', message: 'x' } } });
    await expect(signIn()).rejects.toMatchObject({ id: 'auth.invalid_credentials' });
    expect(requestMock).toHaveBeenCalledTimes(1);
    expect(reLaunchMock).not.toHaveBeenCalled();
  });

  it('maps a body without the error shape to a generic Chinese message', async () => {
    requestMock.mockResolvedValue({ statusCode: 502, data: '<html>Bad gateway</html>' });
    await expect(signIn()).rejects.toMatchObject({ status: 502, id: 'client.bad_response', userMessage: '服务暂时不可用,请稍后再试' });
  });

  it('maps a transport failure to a network error', async () => {
    requestMock.mockRejectedValue({ errMsg: 'request:fail' });
    await expect(signIn()).rejects.toMatchObject({ status: 0, id: 'client.network', userMessage: '网络连接失败,请检查网络后重试' });
  });
});

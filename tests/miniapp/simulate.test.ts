/**
 * The COMPILED weapp (miniapp/dist) under miniprogram-simulate, signing in through the real
 * BFF: wx.login gives a simulator code, the first WeChat login asks to bind, binding with a
 * demo account gives tokens, and the home page shows that manager's data.
 *
 * Needs `npm run build:weapp -w miniapp` first (scripts/test.sh does it).
 */
import { startTestStack } from '../support/testStack';
import { bootWeapp, forwardRequestsTo, tap, textOf, typeInto, type SimPage, type WeappHost } from './weappHost';

const SESSION_KEY = 'sunshine.session.v1';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let host: WeappHost;
const loginCodes: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  host = bootWeapp({
    request: forwardRequestsTo(stack.baseUrl),
    // The WeChat simulator accepts `sim-code-<person>.<n>` codes: one openid per person, and a
    // fresh code for every wx.login like the real one.
    login: async () => {
      const code = `sim-code-weapp-test.${loginCodes.length + 1}`;
      loginCodes.push(code);
      return { code };
    },
  });
});

afterAll(async () => {
  host?.dispose();
  await stack?.stop();
});

const numberIn = (text: string | undefined) => Number((text ?? '').replace(/[^\d]/g, '') || NaN);

describe('weapp build against the real BFF', () => {
  let login: SimPage;
  let home: SimPage;

  it('renders the login page and asks a new WeChat user to bind a bank account', async () => {
    login = host.openPage('pages/login/index');
    await host.waitFor(() => !!login.querySelector('#bind-form'), 'the bind form after WeChat login');

    expect(loginCodes).toHaveLength(1);
    expect(textOf(login, '#bind-form')).toContain('绑定行内账号');
    expect(textOf(login, '#login-submit')).toContain('绑定并登录');
    expect(host.storage.has(SESSION_KEY)).toBe(false);
  });

  it('shows 用户名或密码错误 for a wrong bind password', async () => {
    typeInto(login, '#login-username', 'm.01.01');
    typeInto(login, '#login-password', 'not-the-password');
    tap(login, '#login-submit');
    await host.waitFor(() => !!textOf(login, '#login-error'), 'the bind error');
    expect(textOf(login, '#login-error')).toBe('用户名或密码错误');
    expect(host.navigations).toEqual([]);
  });

  it('binds with m.01.01 / Demo@2026, stores the tokens and goes home', async () => {
    typeInto(login, '#login-password', 'Demo@2026');
    tap(login, '#login-submit');
    await host.waitFor(() => host.navigations.includes('/pages/home/index'), 'reLaunch to home');

    const session = host.storage.get(SESSION_KEY) as { accessToken: string; user: { username: string; role: string } };
    expect(session.accessToken).toEqual(expect.any(String));
    expect(session.user).toMatchObject({ username: 'm.01.01', role: 'manager' });
  });

  it('renders the manager home page from GET /api/v1/me', async () => {
    home = host.openPage('pages/home/index');
    await host.waitFor(() => !!home.querySelector('#home-name'), 'the home header');

    expect(textOf(home, '#home-name')?.length).toBeGreaterThan(0);
    expect(textOf(home, '#home-role')).toBe('客户经理');
    expect(numberIn(textOf(home, '#summary-households'))).toBeGreaterThan(0);
    expect(textOf(home, '#summary-households')).toContain('我的客户');
    // A manager's scope has no managers/branches figures.
    expect(home.querySelector('#summary-branches')).toBeUndefined();

    const entries = home.querySelectorAll('.entry-list__item').map((n) => n.dom?.textContent ?? '');
    expect(entries).toEqual([
      expect.stringContaining('我的客户'),
      expect.stringContaining('走访建档'),
      expect.stringContaining('预约'),
    ]);
  });

  it('opens 我的客户, the household list subpackage, with masked data', async () => {
    tap(home, '#entry-households');
    await host.waitFor(
      () => host.navigations.includes('/subpackages/households/pages/list/index'),
      'navigateTo the household list',
    );

    const list = host.openPage('subpackages/households/pages/list/index');
    await host.waitFor(() => list.querySelectorAll('.household-name').length > 0, 'household rows');

    expect(numberIn(textOf(list, '#households-total'))).toBeGreaterThan(0);
    const names = list.querySelectorAll('.household-name').map((n) => n.dom?.textContent ?? '');
    for (const name of names) expect(name).toMatch(/\*/);
    const phones = list.querySelectorAll('.household-phone').map((n) => n.dom?.textContent ?? '');
    for (const phone of phones) expect(phone).toMatch(/^(\d{3}\*{4}\d{4}|未留电话)$/);
  });
});

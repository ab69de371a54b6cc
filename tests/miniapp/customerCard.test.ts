/**
 * The COMPILED weapp's customer side under miniprogram-simulate, against the real BFF: a
 * customer opens m.01.01's share card (`?c=<code>`), is signed in silently with wx.login
 * (code2Session at the WeChat simulator), sees the manager and products, and books a slot.
 *
 * Needs a weapp build with the customer subpackage (WEAPP_DIST).
 */
import { startTestStack } from '../support/testStack';
import { bootWeapp, forwardRequestsTo, tap, textOf, type WeappHost } from './weappHost';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let host: WeappHost;
let logins = 0;

beforeAll(async () => {
  stack = await startTestStack();
  host = bootWeapp({
    request: forwardRequestsTo(stack.baseUrl),
    login: async () => ({ code: `sim-code-weapp-customer.${++logins}` }),
  });
});

afterAll(async () => {
  host?.dispose();
  await stack?.stop();
});

it('a customer opens a share card in WeChat and books a slot', async () => {
  const { api } = stack.app;
  const manager = await api.login('m.01.01', 'Demo@2026');
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '21:00' }));
  expect((await api.request('PUT', '/api/v1/me/availability', { body: { windows: allWeek }, token: manager.accessToken })).status).toBe(
    200,
  );
  const card = await api.post('/api/v1/share-cards', {}, manager.accessToken);

  const page = host.openPage('subpackages/customer/pages/card/index', { c: card.body.code });
  await host.waitFor(() => !!page.querySelector('#manager-name'), 'the manager card after wx.login', 30_000);
  expect(logins).toBe(1);
  expect(textOf(page, '#manager-name')).toBe(manager.user.name);
  expect(page.querySelectorAll('.product-item').length).toBeGreaterThan(3);

  tap(page, '#slot-0');
  await host.waitFor(() => !(textOf(page, '#book-submit') ?? '').includes('请选择时段'), 'a selected slot');
  tap(page, '#book-submit');
  await host.waitFor(() => !!page.querySelector('#book-success'), 'the booking confirmation', 30_000);
  expect(textOf(page, '#book-success')).toContain('等待客户经理确认');

  // The card is now this customer's: a second WeChat user gets 409 through the API.
  const other = await api.post('/api/v1/public/customer/wechat-login', { code: 'sim-code-someone-else.1', shareCode: card.body.code });
  expect(other.status).toBe(409);
});

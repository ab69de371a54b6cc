// The app runs as the weapp build: outbox on WeChat's encrypted storage, wx network events (faked).
process.env.TARO_ENV = 'weapp';

import { act, render, waitFor } from '@testing-library/react';
import { View } from '@tarojs/components';
import { resetTaroStub } from '../test/taroStub';
import { saveTokenPair } from './stores/session';
import { emptyOutbox, installWxFakes, requestMock, signInManager, type WxFakes } from './subpackages/capture/test/wxFakes';

const App = (require('./app') as typeof import('./app')).default;
const { outbox, startOutboxSync } = require('./stores/outbox') as typeof import('./stores/outbox');

/**
 * Launch-time wiring of the outbox: a file or a visit queued offline goes out when the network
 * returns or the app comes back to the foreground, with no capture page ever opened again.
 */
let wx: WxFakes;
let online = false;
const sentBodies = () => requestMock.mock.calls.filter(([c]) => c.method === 'POST').map(([c]) => c.data as { clientId: string });

function serve() {
  requestMock.mockImplementation(async (c) => {
    if (!online) throw new Error('request:fail');
    if (c.method === 'POST' && c.url.endsWith('/api/v1/households')) return { statusCode: 201, data: { id: 'h1', householdNo: 'x' } };
    if (c.method === 'POST' && c.url.endsWith('/api/v1/visits')) return { statusCode: 201, data: { id: 'v1' } };
    return { statusCode: 404, data: { error: { id: 'resource.not_found', message: 'x' } } };
  });
}

async function queueOffline(clientId: string, kind: 'household.create' | 'visit') {
  online = false;
  const outcome = await outbox.submit({
    clientId,
    kind,
    title: kind === 'visit' ? '走访 · 张*' : '新建档案 · 新街村',
    householdId: kind === 'visit' ? 'a'.repeat(24) : undefined,
    body: { clientId, villageCode: '321283100001' },
  });
  expect(outcome.status).toBe('queued');
}

const queued = async () => (await outbox.entries()).map((e) => [e.clientId, e.state]);

beforeEach(async () => {
  resetTaroStub();
  wx = installWxFakes();
  signInManager();
  online = false;
  serve();
  await emptyOutbox();
});

// One app per module, as on the phone: launched once, then the events arrive.
let appShow: (() => void) | undefined;

it('at launch, starts listening: queued captures go out when the network returns, in capture order', async () => {
  const file = '11111111-1111-4111-8111-111111111111';
  const visit = '22222222-2222-4222-8222-222222222222';
  await queueOffline(file, 'household.create');
  await queueOffline(visit, 'visit');

  render(
    <App>
      <View />
    </App>,
  );
  expect(wx.networkListeners).toHaveLength(1);
  appShow = (require('@tarojs/taro').default.onAppShow as jest.Mock).mock.calls[0]?.[0];
  expect(typeof appShow).toBe('function');
  // Launched still offline: nothing lost, nothing sent.
  await waitFor(() => expect(sentBodies().length).toBeGreaterThan(2));
  expect(await queued()).toEqual([
    [file, 'pending'],
    [visit, 'pending'],
  ]);

  online = true;
  requestMock.mockClear();
  await act(async () => {
    for (const l of wx.networkListeners) l({ isConnected: true });
  });
  await waitFor(async () => expect(await queued()).toEqual([]));
  expect(sentBodies().map((b) => b.clientId)).toEqual([file, visit]);
  expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]);
});

it('a network event without connection sends nothing', async () => {
  await queueOffline('33333333-3333-4333-8333-333333333333', 'visit');
  requestMock.mockClear();
  online = true; // even if it would get through: the app was told it is offline
  await act(async () => {
    for (const l of wx.networkListeners) l({ isConnected: false });
  });
  expect(requestMock).not.toHaveBeenCalled();
  expect(await queued()).toEqual([['33333333-3333-4333-8333-333333333333', 'pending']]);
});

it('the app coming back to the foreground sends what is queued', async () => {
  const id = '44444444-4444-4444-8444-444444444444';
  await queueOffline(id, 'household.create');
  online = true;
  await act(async () => appShow!());
  await waitFor(async () => expect(await queued()).toEqual([]));
  expect(sentBodies().at(-1)!.clientId).toBe(id);
});

it('sends nothing under a customer’s session (on the same phone): the entries wait for the manager', async () => {
  const id = '55555555-5555-4555-8555-555555555555';
  await queueOffline(id, 'visit');
  saveTokenPair({
    accessToken: 'c',
    refreshToken: 'c-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'c1', username: 'customer', role: 'customer', branchId: null, name: '张先生' },
  });
  online = true;
  requestMock.mockClear();
  await act(async () => {
    for (const l of wx.networkListeners) l({ isConnected: true });
    appShow!();
  });
  expect(requestMock).not.toHaveBeenCalled();
  expect(await queued()).toEqual([[id, 'pending']]);

  signInManager();
  await act(async () => {
    for (const l of wx.networkListeners) l({ isConnected: true });
  });
  await waitFor(async () => expect(await queued()).toEqual([]));
});

it('launched before the manager signed in: the first page that starts the sync after sign-in sends the queue', async () => {
  const id = '66666666-6666-4666-8666-666666666666';
  await queueOffline(id, 'household.create');
  const { clearSession } = require('./stores/session') as typeof import('./stores/session');
  clearSession();
  online = true;
  requestMock.mockClear();
  await act(async () => startOutboxSync());
  expect(requestMock).not.toHaveBeenCalled();

  signInManager();
  await act(async () => startOutboxSync()); // e.g. the household list after login
  await waitFor(async () => expect(await queued()).toEqual([]));
  expect(sentBodies().map((b) => b.clientId)).toEqual([id]);
  // Still one set of listeners.
  expect(wx.networkListeners).toHaveLength(1);
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createMockWechat, openidFor } from './app';

describe('mock-wechat code2Session', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createMockWechat({ appId: 'wx1', secret: 's1' }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const call = async (q: Record<string, string>) =>
    (await fetch(`${base}/sns/jscode2session?${new URLSearchParams({ grant_type: 'authorization_code', ...q })}`)).json();

  it('maps a code to a stable openid and refuses its reuse', async () => {
    expect(await call({ appid: 'wx1', secret: 's1', js_code: 'sim-code-alice.1' })).toMatchObject({ openid: openidFor('alice') });
    expect(await call({ appid: 'wx1', secret: 's1', js_code: 'sim-code-alice.2' })).toMatchObject({ openid: openidFor('alice') });
    expect(await call({ appid: 'wx1', secret: 's1', js_code: 'sim-code-alice.1' })).toMatchObject({ errcode: 40163 });
  });

  it.each([
    [{ appid: 'wx2', secret: 's1', js_code: 'sim-code-a' }, 40013],
    [{ appid: 'wx1', secret: 'bad', js_code: 'sim-code-a' }, 40125],
    [{ appid: 'wx1', secret: 's1', js_code: 'not-a-code' }, 40029],
  ])('refuses %o with %i', async (q, errcode) => {
    expect(await call(q)).toMatchObject({ errcode });
  });
});

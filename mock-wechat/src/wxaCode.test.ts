import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createMockWechat } from './app';

describe('mock-wechat wxa/getwxacodeunlimit', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createMockWechat({ appId: 'wx1', secret: 's1' }).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const token = async () =>
    ((await (await fetch(`${base}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s1`)).json()) as { access_token: string })
      .access_token;
  const code = (accessToken: string, body: unknown) =>
    fetch(`${base}/wxa/getwxacodeunlimit?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('draws a PNG for a page and scene, and records the request', async () => {
    const res = await code(await token(), {
      scene: 'abc_DEF-123',
      page: 'subpackages/evidence/pages/confirm/index',
      env_version: 'develop',
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const issued = (await (await fetch(`${base}/admin/wxacodes`)).json()) as unknown[];
    expect(issued.at(-1)).toMatchObject({ scene: 'abc_DEF-123', page: 'subpackages/evidence/pages/confirm/index', envVersion: 'develop' });
  });

  it.each([
    ['no token', 'bad', { scene: 'abc' }, 40001],
    ['a scene over 32 characters', null, { scene: 'x'.repeat(33) }, 40097],
    ['a page with a leading slash', null, { scene: 'abc', page: '/pages/a/index' }, 41030],
  ])('refuses %s', async (_label, given, body, errcode) => {
    const res = await code(given ?? (await token()), body);
    expect(await res.json()).toMatchObject({ errcode });
  });
});

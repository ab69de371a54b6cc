import type { AddressInfo } from 'node:net';
import { createMockV7 } from './app';

describe('mock-v7', () => {
  it('answers its health check', async () => {
    const server = createMockV7().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', system: 'mock-v7' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

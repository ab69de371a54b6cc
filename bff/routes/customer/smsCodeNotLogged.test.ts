import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Redis } from 'ioredis';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createMockWechat } from '../../../mock-wechat/src/app';
import { openTestDatabase, type TestDatabase } from '../../testing/testDb';
import { apiClient, closeServices } from '../../testing/testApp';
import { buildUser } from '../../testing/factories';
import { buildShareCard, latestSmsCode } from '../../testing/appointmentFactories';

/**
 * One-time codes are C3 data: the BFF must never log them, at any level. This runs the real
 * app with its logger at `trace` writing into a buffer, drives every SMS path (send, wrong
 * code, right code, gateway failure), and searches the captured output for the codes.
 */
describe('SMS codes are never logged', () => {
  let db: TestDatabase;
  let redis: Redis;
  let servers: Server[] = [];
  const logged: string[] = [];

  const listen = async (handler: Parameters<typeof createServer>[1]) => {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    servers = [];
    redis.disconnect();
    await db.drop();
  });

  it('no code appears in the BFF’s pino output', async () => {
    db = await openTestDatabase('smslog');
    const wechatBase = await listen(createMockWechat({ appId: 'wx-log', secret: 'log-secret' }).callback());
    const env = (smsBase: string) =>
      loadConfig({
        NODE_ENV: 'test',
        MONGODB_URI: db.uri,
        REDIS_PREFIX: `test:${randomBytes(4).toString('hex')}:`,
        WECHAT_API_BASE: wechatBase,
        WECHAT_APPID: 'wx-log',
        WECHAT_SECRET: 'log-secret',
        SMS_API_BASE: smsBase,
        AUTH_RATE_LIMIT_PER_MIN: '10000',
        LOG_LEVEL: 'trace',
      });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ level: 'trace', base: { service: 'bff' } }, sink);
    const config = env(wechatBase);
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
    const app = createApp({ config, logger, conn: db.conn, redis });
    const api = apiClient(await listen(app.callback()));
    const manager = await buildUser(db.models, { username: 'log.m1', role: 'manager' });
    const { code: shareCode } = await buildShareCard(db.models, { managerId: manager._id });

    const phone = '13700001234';
    expect((await api.post('/api/v1/public/customer/sms-code', { phone, shareCode })).status).toBe(200);
    const otp = (await latestSmsCode(wechatBase, phone))!;
    expect(otp).toMatch(/^\d{6}$/);
    const wrong = otp === '999999' ? '000000' : '999999';
    expect((await api.post('/api/v1/public/customer/sms-login', { phone, code: wrong, shareCode })).status).toBe(401);
    expect((await api.post('/api/v1/public/customer/sms-login', { phone, code: otp, shareCode })).status).toBe(200);

    // A gateway that refuses: the failure is logged, the code it carried is not.
    const brokenConfig = env('http://127.0.0.1:9');
    const broken = createApp({ config: brokenConfig, logger, conn: db.conn, redis });
    const brokenApi = apiClient(await listen(broken.callback()));
    const failed = await brokenApi.post('/api/v1/public/customer/sms-code', {
      phone: '13700005678',
      shareCode: (await buildShareCard(db.models, { managerId: manager._id })).code,
    });
    expect(failed.status).toBe(503);

    const output = logged.join('');
    // The logger did capture the app's lines: request lines of the sign-in and the gateway failure.
    expect(output).toContain('/api/v1/public/customer/sms-login');
    expect(output).toContain('sms gateway failed');
    expect(output).not.toContain(otp);
    expect(output).not.toMatch(/验证码为\d{6}/);
    await closeServices(app.context.services);
    await closeServices(broken.context.services);
  });
});

import { randomBytes } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '../../bff/testing/testDb';
import { buildUser, TEST_PASSWORD } from '../../bff/testing/factories';
import { apiClient } from '../../bff/testing/testApp';
import { freePort, runTs, waitForHttp, type Proc } from '../support/processes';

/**
 * The BFF as a real process (bff/src/main.ts): data and sessions outlive a crash (SIGKILL)
 * and a graceful stop (SIGTERM, exit code 0), because they live in the database and Redis,
 * not in the process.
 */
describe('BFF process restarts', () => {
  let db: TestDatabase;
  let proc: Proc | null = null;
  const prefix = `test:restart:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    db = await openTestDatabase('restart');
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await db.drop();
  });

  async function start(port: number): Promise<Proc> {
    const p = runTs('bff/src/main.ts', {
      NODE_ENV: 'test',
      PORT: String(port),
      MONGODB_URI: db.uri,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MIN: '1000',
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`).catch((err) => {
      throw new Error(`${err}\n${p.output()}`);
    });
    return p;
  }

  it('keeps accounts, failure counters and sessions across SIGKILL, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = apiClient(`http://127.0.0.1:${port}`);
    const u = await buildUser(db.models, { username: 'restart.proc', name: '重启测试' });

    proc = await start(port);
    expect((await api.post('/api/v1/auth/login', { username: u.username, password: 'wrong' })).status).toBe(401);
    const pair = await api.login(u.username, TEST_PASSWORD);

    proc.child.kill('SIGKILL');
    await proc.exited;

    proc = await start(port);
    const me = await api.get('/api/v1/me', pair.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.user.name).toBe('重启测试');
    expect((await api.post('/api/v1/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(200);
    const audit = await db.models.AuditEvent.countDocuments({ username: u.username });
    expect(audit).toBe(2); // one failure, one success, written by the first process

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    proc = null;
  });
});

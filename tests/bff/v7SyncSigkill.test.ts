import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { openTestDatabase, type TestDatabase } from '../../bff/testing/testDb';
import { buildUser } from '../../bff/testing/factories';
import { createFieldCrypto } from '../../bff/security/fieldCrypto';
import { loadConfig } from '../../bff/src/config';
import { buildApprovedApplication, waitFor } from '../../bff/testing/v7SyncFactories';
import type { CreditApplicationDoc } from '../../bff/models/CreditApplication';
import { startTestMockV7, TEST_V7_APP_ID, TEST_V7_APP_SECRET, type TestMockV7 } from '../../mock-v7/src/testing';
import { freePort, runTs, waitForHttp, type Proc } from '../support/processes';

/**
 * The BFF as a real process (bff/src/main.ts, V7_SYNC_WORKER=1) killed with SIGKILL while it
 * is delivering approved applications to a slow mock-v7; a new process finishes the work:
 * every application synced, each applied once on V7's side, attempts counted by their claims.
 */
jest.setTimeout(180_000);

describe('V7 sync across a SIGKILL of the BFF', () => {
  let db: TestDatabase;
  let v7: TestMockV7;
  let proc: Proc | null = null;
  const prefix = `test:v7kill:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 });

  beforeAll(async () => {
    [db, v7] = await Promise.all([openTestDatabase('v7kill'), startTestMockV7()]);
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await v7?.drop();
    await db?.drop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  async function start(port: number): Promise<Proc> {
    const p = runTs('bff/src/main.ts', {
      NODE_ENV: 'test',
      PORT: String(port),
      MONGODB_URI: db.uri,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      V7_BASE_URL: v7.url,
      V7_APP_ID: TEST_V7_APP_ID,
      V7_APP_SECRET: TEST_V7_APP_SECRET,
      V7_SYNC_WORKER: '1',
      V7_SYNC_LEASE_MS: '2000',
      V7_SYNC_SWEEP_MS: '300',
      V7_SYNC_BASE_DELAY_MS: '100',
      V7_SYNC_MAX_DELAY_MS: '1000',
      V7_SYNC_MAX_ATTEMPTS: '50',
    });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`).catch((err) => {
      throw new Error(`${err}\n${p.output()}`);
    });
    return p;
  }

  it('loses nothing and applies nothing twice', async () => {
    // The same development keys as the BFF process, so it can decrypt the applicants' ID numbers.
    const crypto = createFieldCrypto(loadConfig({ NODE_ENV: 'test' }).dataKeys);
    const managerId = (await buildUser(db.models, { username: 'k.m1', role: 'manager', branchId: '01' }))._id;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await buildApprovedApplication(db.models, crypto, { managerId })).id);
    const outboxes = () =>
      Promise.all(
        ids.map((id) =>
          db.models.CreditApplication.findById(id)
            .lean<CreditApplicationDoc>()
            .then((a) => a!.sync!),
        ),
      );
    // Slow enough that attempts are in flight when the process dies.
    await fetch(`${v7.url}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 400, errorRate: 0.2 }),
    });

    const port = await freePort();
    proc = await start(port);
    await waitFor('some synced', outboxes, (xs) => xs.filter((x) => x.state === 'synced').length >= 5, 60_000);
    proc.child.kill('SIGKILL');
    await proc.exited;
    const atKill = await outboxes();
    expect(atKill.some((x) => x.state === 'pending')).toBe(true);

    proc = await start(port);
    await waitFor('every application synced', outboxes, (xs) => xs.every((x) => x.state === 'synced'), 120_000);
    const applied = ((await (await fetch(`${v7.url}/admin/precredits`)).json()) as Array<{ applicationId: string }>).filter((p) =>
      ids.includes(p.applicationId),
    );
    expect(applied).toHaveLength(ids.length);
    expect(new Set(applied.map((a) => a.applicationId)).size).toBe(ids.length);
    // Attempts the killed process had claimed but not finished were counted as interrupted.
    expect(await db.models.V7SyncAttempt.countDocuments({ outcome: 'interrupted' })).toBeGreaterThan(0);
    const final = await outboxes();
    for (const [i, id] of ids.entries())
      expect({ id, attempts: final[i]!.attempts }).toEqual({
        id,
        attempts: await db.models.V7SyncAttempt.countDocuments({ applicationId: id }),
      });

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    proc = null;
  });
});

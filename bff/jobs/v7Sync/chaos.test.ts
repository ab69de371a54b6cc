import mongoose, { type Types } from 'mongoose';
import { buildUser } from '../../testing/factories';
import { buildApprovedApplication, startSyncStack, waitFor, type SyncStack } from '../../testing/v7SyncFactories';
import type { CreditApplicationDoc } from '../../models/CreditApplication';

/**
 * Chaos against the real mock-v7: V7 failing 30 % of requests (half of them after applying)
 * with random latency, an outage window, and the queue's Redis keys deleted mid-run. Each
 * scenario ends with every approved application synced, counted once on V7's own list, and
 * the attempts in the outbox matching the attempt claims recorded.
 *
 * Two workers run at once, as two BFF processes would, sharing the queue and the database.
 * The outboxes and claims are read with one query per poll, not one per application: at a
 * few hundred applications per-id polling loaded FerretDB more than the workers did.
 * The SIGKILL of a BFF process mid-sync is tests/bff/v7SyncSigkill.test.ts.
 */
jest.setTimeout(180_000);

describe('V7 sync under chaos', () => {
  let s: SyncStack;
  let managerId: Types.ObjectId;
  const workers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    s = await startSyncStack();
    managerId = (await buildUser(s.t.db.models, { username: 'c.m1', role: 'manager', branchId: '01' }))._id;
    workers.push(s.startWorker(), s.startWorker());
  });
  afterAll(async () => {
    await s?.faults({}).catch(() => undefined);
    await s?.stop();
  });

  async function approve(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, () => buildApprovedApplication(s.t.db.models, s.t.crypto, { managerId })),
      );
      ids.push(...batch.map((b) => b.id));
    }
    return ids;
  }

  type Outbox = NonNullable<CreditApplicationDoc['sync']>;
  /** The outboxes of `ids`, in their order. */
  async function outboxes(ids: string[]): Promise<Outbox[]> {
    const rows = await s.t.db.models.CreditApplication.find({ _id: mongoose.trusted({ $in: ids }) }, { sync: 1 }).lean<
      Array<Pick<CreditApplicationDoc, '_id' | 'sync'>>
    >();
    const byId = new Map(rows.map((r) => [String(r._id), r.sync!]));
    return ids.map((id) => byId.get(id)!);
  }
  const allSynced = (ids: string[], timeoutMs = 120_000) =>
    waitFor(
      'every application synced',
      () => outboxes(ids),
      (xs) => xs.every((x) => x?.state === 'synced'),
      timeoutMs,
    );

  /** Exactly once on V7's side, with the approved limit, and the attempts counted by claims. */
  async function expectDeliveredOnce(ids: string[]) {
    const applied = await s.applied(ids);
    expect(applied).toHaveLength(ids.length);
    expect(new Set(applied.map((a) => a.applicationId)).size).toBe(ids.length);
    expect(applied.every((a) => a.limit === 90_000)).toBe(true);
    const synced = await outboxes(ids);
    const claims = await s.t.db.models.V7SyncAttempt.find({ applicationId: mongoose.trusted({ $in: ids }) }, { applicationId: 1 }).lean<
      Array<{ applicationId: string }>
    >();
    const claimsOf = new Map<string, number>();
    for (const c of claims) claimsOf.set(c.applicationId, (claimsOf.get(c.applicationId) ?? 0) + 1);
    expect(ids.map((id, i) => ({ id, attempts: synced[i]!.attempts }))).toEqual(ids.map((id) => ({ id, attempts: claimsOf.get(id) ?? 0 })));
    return synced;
  }

  it('30 % errors with random latency: 300 applications, each synced exactly once', async () => {
    await s.faults({ errorRate: 0.3, latencyMs: 40 });
    const ids = await approve(300);
    await allSynced(ids);
    await s.faults({});
    const synced = await expectDeliveredOnce(ids);
    const attempts = synced.reduce((n, x) => n + x.attempts, 0);
    // Two calls per attempt at 30 % errors: about half the first attempts fail.
    expect(attempts).toBeGreaterThan(ids.length);
  });

  it('an outage window, then recovery', async () => {
    await s.faults({ outage: true });
    const ids = await approve(20);
    await waitFor(
      'retries during the outage',
      () => outboxes(ids),
      (xs) => xs.every((x) => x.attempts >= 2),
    );
    expect((await outboxes(ids)).every((x) => x.state === 'pending')).toBe(true);
    expect(await s.applied(ids)).toEqual([]);
    await s.faults({});
    await allSynced(ids);
    await expectDeliveredOnce(ids);
  });

  it('the queue’s Redis keys deleted mid-run: the sweeper re-enqueues, nothing is lost', async () => {
    await s.faults({ errorRate: 0.3, latencyMs: 80 });
    const ids = await approve(40);
    await new Promise((r) => setTimeout(r, 400));
    // Only this app's queue keys: the Redis is shared with other test files.
    const pattern = `${s.t.config.redisPrefix}bull:v7-sync:*`;
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await s.t.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await s.t.redis.del(...keys);
    } while (cursor !== '0');
    expect(deleted).toBeGreaterThan(0);
    await allSynced(ids);
    await s.faults({});
    await expectDeliveredOnce(ids);
  });
});

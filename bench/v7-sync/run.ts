/**
 * Final approval → V7 acknowledgement latency (issue 4, target p95 < 5 s with V7 healthy).
 *
 *   npx tsx bench/v7-sync/run.ts [--count 50] [--rate 2]
 *
 * - The real BFF (createApp on port 0, fresh database on FerretDB, Redis under its own prefix)
 *   and the real mock-v7 (own database, its default healthy latency of 20 ms ± 40 %).
 * - The sync worker runs in this process with the production default settings
 *   (bff/jobs/v7Sync/syncSettings.ts: sweep every 2 s, concurrency 8).
 * - `count` applications are evaluated and submitted by a manager (V7 checks warmed in the
 *   cache), then approved by the branch president over HTTP at `rate` per second.
 * - Latency = V7's `receivedAt` of the pre-credit (mock-v7's clock, same machine) minus the
 *   moment the approve request was sent; also the BFF outbox's `syncedAt` minus the same.
 * - Two modes, measured one after the other: `sweeper` (the worker finds the outbox by its
 *   sweep; what the code does today) and `notified` (the first attempt enqueued right after
 *   the approval, as `services.v7Sync.notifyApproved` would be called by the approval).
 */
import { parseArgs } from 'node:util';
import { buildUser, TEST_PASSWORD } from '../../bff/testing/factories';
import { buildCreditHousehold, warmV7Checks } from '../../bff/testing/creditFactories';
import { startSyncStack } from '../../bff/testing/v7SyncFactories';
import { loadV7SyncSettings } from '../../bff/jobs/v7Sync/syncSettings';
import { V7SyncQueue } from '../../bff/jobs/v7Sync/syncQueue';
import type { CreditApplicationDoc } from '../../bff/models/CreditApplication';

const { values } = parseArgs({ options: { count: { type: 'string', default: '50' }, rate: { type: 'string', default: '2' } } });
const count = Number(values.count);
const rate = Number(values.rate);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(pct(xs, 50)),
  p95: Math.round(pct(xs, 95)),
  max: Math.round(Math.max(...xs)),
});

async function main() {
  const s = await startSyncStack();
  await s.faults({});
  const settings = { ...loadV7SyncSettings({}, 'development') };
  const stopWorker = s.startWorker(settings);
  const queue = new V7SyncQueue({ redisUrl: s.t.config.redisUrl, redisPrefix: s.t.config.redisPrefix }, () => undefined);
  const { models } = s.t.db;
  const m = await buildUser(models, { username: 'b.m1', role: 'manager', branchId: '01' });
  await buildUser(models, { username: 'b.bp1', role: 'branch_president', branchId: '01' });
  const mTok = (await s.t.api.login('b.m1', TEST_PASSWORD)).accessToken;
  const bpTok = (await s.t.api.login('b.bp1', TEST_PASSWORD)).accessToken;
  const results: Record<string, unknown> = { count, rate, settings };

  for (const mode of ['sweeper', 'notified'] as const) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const h = await buildCreditHousehold(models, s.t.crypto, { managerId: m._id });
      await warmV7Checks(s.t, h.idIndex);
      const ev = await s.t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, mTok);
      const app = await s.t.api.post('/api/v1/credit/applications', { evaluationId: ev.body.id }, mTok);
      if (app.status !== 201) throw new Error(`submit: ${app.status} ${JSON.stringify(app.body)}`);
      ids.push(app.body.id);
    }
    const sentAt = new Map<string, number>();
    const approveMs: number[] = [];
    for (const id of ids) {
      const t0 = Date.now();
      sentAt.set(id, t0);
      const res = await s.t.api.post(`/api/v1/credit/applications/${id}/approve`, { comment: '同意' }, bpTok);
      if (res.status !== 200) throw new Error(`approve: ${res.status}`);
      approveMs.push(Date.now() - t0);
      if (mode === 'notified') await queue.enqueue(id, 1);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / rate - (Date.now() - t0))));
    }
    const deadline = Date.now() + 120_000;
    let docs: CreditApplicationDoc[] = [];
    for (;;) {
      docs = await Promise.all(ids.map((id) => models.CreditApplication.findById(id).lean<CreditApplicationDoc>().then((d) => d!)));
      if (docs.every((d) => d.sync?.state === 'synced') || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const applied = (await s.admin<Array<{ applicationId: string; receivedAt: string }>>('GET', '/admin/precredits')).body;
    const v7Ms = applied.filter((a) => sentAt.has(a.applicationId)).map((a) => Date.parse(a.receivedAt) - sentAt.get(a.applicationId)!);
    const bffMs = docs.filter((d) => d.sync?.syncedAt).map((d) => d.sync!.syncedAt!.getTime() - sentAt.get(String(d._id))!);
    results[mode] = {
      synced: docs.filter((d) => d.sync?.state === 'synced').length,
      attempts: docs.reduce((n, d) => n + (d.sync?.attempts ?? 0), 0),
      approveRequestMs: summary(approveMs),
      approvalToV7ReceivedMs: summary(v7Ms),
      approvalToOutboxSyncedMs: summary(bffMs),
    };
    console.log(mode, JSON.stringify(results[mode]));
  }
  console.log(JSON.stringify(results, null, 2));
  await queue.close();
  await stopWorker();
  await s.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

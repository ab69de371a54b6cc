import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Types } from 'mongoose';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { ApprovalStepDoc } from '../models/ApprovalStep';
import { applicationState } from '../commands/credit/applicationState';
import { createV7Client } from '../clients/v7Client';
import { createLogger } from '../src/logger';
import { V7SyncQueue } from '../jobs/v7Sync/syncQueue';
import { startV7SyncWorker } from '../jobs/v7Sync/syncWorker';
import type { V7SyncSettings } from '../jobs/v7Sync/syncSettings';
import { startTestApp, type TestApp } from './testApp';
import { buildCreditHousehold } from './creditFactories';
import { startTestMockV7, TEST_V7_APP_ID, TEST_V7_APP_SECRET, TEST_V7_WEBHOOK_SECRET, type TestMockV7 } from '../../mock-v7/src/testing';

/**
 * Test data and set-up for the V7 sync: approved applications whose outbox is exactly what
 * the credit flow's final approval writes (`applicationState`), and a stack of the real BFF,
 * the real mock-v7 (webhooks pointed at the BFF) and a sync worker with fast test settings.
 */
export async function buildApprovedApplication(
  models: Models,
  crypto: FieldCrypto,
  overrides: { managerId: Types.ObjectId; branchId?: string; limit?: number; approvedAt?: Date },
) {
  const h = await buildCreditHousehold(models, crypto, { managerId: overrides.managerId, branchId: overrides.branchId });
  const head = h.household.members[0]!;
  const _id = new Types.ObjectId();
  const approvedAt = overrides.approvedAt ?? new Date();
  const base = {
    _id,
    evaluationId: new Types.ObjectId(),
    householdId: h.household._id,
    householdNo: h.household.householdNo,
    memberId: head._id,
    memberName: head.name,
    idIndex: head.idIndex,
    idMasked: head.idMasked,
    branchId: h.household.branchId,
    managerId: overrides.managerId,
    submittedBy: String(overrides.managerId),
    submittedByName: '测试客户经理',
    status: 'pending_level1' as const,
    modelVersion: 'sunshine-v1',
    decision: 'pass' as const,
    grade: 'B',
    score: 59,
    limit: overrides.limit ?? 90_000,
    approvalLevels: 1 as const,
  };
  const step: ApprovalStepDoc = {
    _id: `${String(_id)}:L1`,
    applicationId: _id,
    level: 1,
    decision: 'approve',
    userId: new Types.ObjectId().toHexString(),
    userName: '测试行长',
    comment: '同意',
    at: approvedAt,
  };
  const state = applicationState(base, [step]);
  await models.ApprovalStep.create(step);
  await models.CreditApplication.create({
    ...base,
    status: state.status,
    approvals: state.approvals,
    decidedAt: state.decidedAt,
    sync: state.sync,
  });
  return { id: String(_id), household: h };
}

export const FAST_SYNC: V7SyncSettings = {
  worker: true,
  concurrency: 8,
  baseDelayMs: 50,
  maxDelayMs: 500,
  maxAttempts: 40,
  leaseMs: 2000,
  sweepMs: 300,
};

export interface SyncStack {
  t: TestApp;
  v7: TestMockV7;
  /** Starts (again) a worker and sweeper in this process; returns its closer. */
  startWorker(settings?: Partial<V7SyncSettings>): () => Promise<void>;
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Sets mock-v7's faults (`{}` clears them). */
  faults(f: { errorRate?: number; latencyMs?: number; outage?: boolean }): Promise<void>;
  /** V7's own list of applied pre-credits, for the given ids. */
  applied(ids: string[]): Promise<Array<{ applicationId: string; limit: number }>>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** The BFF knows V7's address before V7 knows the BFF's webhook URL: reserve V7's port first. */
export async function startSyncStack(): Promise<SyncStack> {
  const port = await freePort();
  const t = await startTestApp({
    env: {
      V7_BASE_URL: `http://127.0.0.1:${port}`,
      V7_APP_ID: TEST_V7_APP_ID,
      V7_APP_SECRET: TEST_V7_APP_SECRET,
      V7_WEBHOOK_SECRET: TEST_V7_WEBHOOK_SECRET,
      V7_TIMEOUT_MS: '2000',
    },
  });
  const v7 = await startTestMockV7({ port, webhookUrl: `${t.baseUrl}/api/v1/public/v7/webhooks` });
  const workers: Array<() => Promise<void>> = [];
  const queues: V7SyncQueue[] = [];
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const admin = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${v7.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    t,
    v7,
    startWorker(settings = {}) {
      const queue = new V7SyncQueue({ redisUrl: t.config.redisUrl, redisPrefix: t.config.redisPrefix }, () => undefined);
      queues.push(queue);
      const v7Client = createV7Client({ baseUrl: v7.url, appId: TEST_V7_APP_ID, appSecret: TEST_V7_APP_SECRET, timeoutMs: 2000 });
      const close = startV7SyncWorker(
        {
          models: t.db.models,
          crypto: t.crypto,
          v7: v7Client,
          redis: t.redis,
          redisPrefix: t.config.redisPrefix,
          redisUrl: t.config.redisUrl,
          logger,
        },
        queue,
        { ...FAST_SYNC, ...settings },
      );
      const closer = async () => {
        const i = workers.indexOf(closer);
        if (i >= 0) workers.splice(i, 1);
        await close();
        await queue.close();
      };
      workers.push(closer);
      return closer;
    },
    admin,
    async faults(f) {
      const res = await admin('POST', '/admin/faults', f);
      if (res.status !== 200) throw new Error(`faults: ${res.status}`);
    },
    async applied(ids) {
      const want = new Set(ids);
      const all = (await admin<Array<{ applicationId: string; limit: number }>>('GET', '/admin/precredits')).body;
      return all.filter((p) => want.has(p.applicationId));
    },
    async stop() {
      for (const w of [...workers]) await w();
      await t.stop();
      await v7.drop();
    },
  };
}

/** Polls until `check` holds, or fails after `timeoutMs` with the last value it saw. */
export async function waitFor<T>(what: string, read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

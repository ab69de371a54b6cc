/**
 * POST /api/v1/credit/evaluations under load, V7 checks included: autocannon against a real
 * BFF process on the 50,000-household demo bank, with a real mock-v7 process at its default
 * latency (MOCK_V7_LATENCY_MS=20), both spawned here on their own ports.
 *
 * Run (from the repo root):
 *   npx tsx bench/credit-evaluation/run.ts [--uri mongodb://127.0.0.1:27017/bench50k] [--households 40] [--connections 4]
 *
 * Two measured passes over the same households of m.01.01, each household once per pass:
 * - cold: the BFF's Redis check cache is empty (a fresh key prefix per run), so every
 *   evaluation makes V7's two signed checks;
 * - warm: the same households again, the checks come from the cache.
 * p95 is computed exactly from every response time autocannon reports. The runs write
 * CreditEvaluation documents into the database they are pointed at (counted below); mock-v7
 * uses its own database, dropped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import autocannon from 'autocannon';
import { jsonClient, machineState, percentile } from '../lib/benchSupport';
import mongoose from 'mongoose';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const URI = arg('uri', 'mongodb://127.0.0.1:27017/bench50k');
const HOUSEHOLDS = Number(arg('households', '40'));
const CONNECTIONS = Number(arg('connections', '4'));
const BFF_PORT = Number(arg('port', '18292'));
const V7_PORT = BFF_PORT + 1;
const V7_DB = `bench_crediteval_v7_${process.pid}`;
const base = `http://127.0.0.1:${BFF_PORT}`;
const json = jsonClient(base);

function spawnService(label: string, entry: string, env: Record<string, string>, health: string): Promise<ChildProcess> {
  const log = `/tmp/credit-evaluation-${label}.log`;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        if ((await fetch(health)).ok) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) return reject(new Error(`${label} did not start (see ${log})`));
      setTimeout(poll, 300);
    };
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code} (see ${log})`)));
    void poll();
  });
}

async function pass(token: string, households: string[]) {
  let i = 0;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const decisions = new Map<string, number>();
  const sources = new Map<string, number>();
  const instance = autocannon({
    url: `${base}/api/v1/credit/evaluations`,
    connections: CONNECTIONS,
    amount: households.length,
    // Long enough that no request is abandoned: an abandoned one keeps the database busy anyway.
    timeout: 120,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/credit/evaluations',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ householdId: households[i++ % households.length] }) }),
        onResponse: (status, body) => {
          if (status !== 201) return;
          const b = JSON.parse(body) as { decision: string; v7Checks: { source: string } };
          decisions.set(b.decision, (decisions.get(b.decision) ?? 0) + 1);
          sources.set(b.v7Checks.source, (sources.get(b.v7Checks.source) ?? 0) + 1);
        },
      },
    ],
  });
  instance.on('response', (_c, statusCode, _b, responseTime) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    times.push(responseTime);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    statuses: Object.fromEntries(statuses),
    decisions: Object.fromEntries(decisions),
    v7Source: Object.fromEntries(sources),
    errors: result.errors,
    timeouts: result.timeouts,
    rps: Math.round((times.length / (result.duration || 1)) * 10) / 10,
    latencyMs: {
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times.at(-1),
      mean: Math.round((times.reduce((s, v) => s + v, 0) / times.length) * 10) / 10,
    },
  };
}

async function main() {
  const conn = await mongoose.createConnection(URI).asPromise();
  const evaluations = conn.db!.collection('creditevaluations');
  const before = await evaluations.estimatedDocumentCount();
  machineState('before', 5);
  const v7 = await spawnService(
    'mock-v7',
    'mock-v7/src/main.ts',
    { MOCK_V7_PORT: String(V7_PORT), MONGODB_URI: URI, MOCK_V7_DB: V7_DB, V7_WEBHOOK_URL: 'http://127.0.0.1:9/unused' },
    `http://127.0.0.1:${V7_PORT}/healthz`,
  );
  let bff: ChildProcess | null = null;
  try {
    bff = await spawnService(
      'bff',
      'bff/src/main.ts',
      {
        NODE_ENV: 'development',
        PORT: String(BFF_PORT),
        MONGODB_URI: URI,
        REDIS_PREFIX: `bench:credit-evaluation:${process.pid}:`,
        V7_BASE_URL: `http://127.0.0.1:${V7_PORT}`,
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT_PER_MIN: '1000',
      },
      `${base}/healthz`,
    );
    const { accessToken } = await json('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'm.01.01', password: 'Demo@2026' }),
    });
    const households: string[] = [];
    for (let page = 1; households.length < HOUSEHOLDS; page++) {
      const body = await json(`/api/v1/households?pageSize=100&page=${page}`, { headers: { authorization: `Bearer ${accessToken}` } });
      households.push(...body.data.map((h: { id: string }) => h.id));
      if (body.data.length === 0 || households.length >= body.total) break;
    }
    households.length = Math.min(households.length, HOUSEHOLDS);
    console.log(`m.01.01: ${households.length} households; evaluations in ${URI} before: ${before}`);

    machineState('cold pass starts', 5);
    const cold = await pass(accessToken, households);
    machineState('warm pass starts', 5);
    const warm = await pass(accessToken, households);
    machineState('ended', 5);
    const after = await evaluations.estimatedDocumentCount();
    console.log(
      JSON.stringify(
        {
          uri: URI,
          connections: CONNECTIONS,
          households: households.length,
          cold,
          warm,
          evaluationsBefore: before,
          evaluationsAfter: after,
        },
        null,
        2,
      ),
    );
  } finally {
    bff?.kill('SIGTERM');
    v7.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await conn.useDb(V7_DB).dropDatabase();
    await conn.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

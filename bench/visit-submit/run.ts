/**
 * Visit submit under load: autocannon, 64 connections, against a real BFF process on the
 * 50,000-household demo bank. Every request is a NEW visit (a fresh clientId per request,
 * set in setupRequest) by m.01.01 to one of their own households, round robin.
 *
 * Run (from the repo root):
 *   npx tsx bench/visit-submit/run.ts [--uri mongodb://127.0.0.1:27017/bench50k] [--seconds 30] [--connections 64]
 *
 * The BFF is spawned as its own process (bff/src/main.ts, LOG_LEVEL=warn so per-request
 * logging does not dominate), so autocannon does not share its event loop. p95 is computed
 * exactly from every response time autocannon reports (autocannon's own summary has no p95).
 * The run writes visits into the database it is pointed at; the counts before/after are printed.
 * `--cpu-prof <dir>` makes the BFF write a V8 CPU profile (see summarizeProfile.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { jsonClient, machineState, percentile } from '../lib/benchSupport';
import mongoose from 'mongoose';
import { Redis } from 'ioredis';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const URI = arg('uri', 'mongodb://127.0.0.1:27017/bench50k');
const SECONDS = Number(arg('seconds', '30'));
const CONNECTIONS = Number(arg('connections', '64'));
const WARMUP_SECONDS = Number(arg('warmup', '5'));
const PORT = Number(arg('port', '18181'));
const USER = arg('user', 'm.01.01');
const PASSWORD = arg('password', 'Demo@2026');
const base = `http://127.0.0.1:${PORT}`;
const json = jsonClient(base);
/** A prefix of its own, so each run starts with a cold household-facts cache and cleans up after itself. */
const REDIS_PREFIX = `bench:visit-submit:${process.pid}:`;
/** The BFF's own log (warnings and errors), kept out of the figures. */
const BFF_LOG = arg('bff-log', '/tmp/visit-submit-bff.log');
/** `--cpu-prof <dir>`: the BFF writes a V8 CPU profile there when it exits. */
const CPU_PROF = arg('cpu-prof', '');

function startBff(): Promise<ChildProcess> {
  const profiling = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', 'bff/src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(PORT),
      MONGODB_URI: URI,
      REDIS_PREFIX,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MIN: '1000',
    },
    stdio: ['ignore', openSync(BFF_LOG, 'w'), openSync(BFF_LOG, 'a')],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok) return resolve(child);
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) return reject(new Error('BFF did not start'));
      setTimeout(poll, 300);
    };
    child.once('exit', (code) => reject(new Error(`BFF exited with ${code}`)));
    void poll();
  });
}

async function load(token: string, households: string[], seconds: number, record: boolean) {
  let i = 0;
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const instance = autocannon({
    url: `${base}/api/v1/visits`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/visits',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => {
          const householdId = households[i++ % households.length]!;
          return {
            ...req,
            body: JSON.stringify({
              clientId: randomUUID(),
              householdId,
              location: { lat: 32.2501, lng: 120.2302, accuracy: 25, at: new Date().toISOString() },
              notes: '压测走访',
              products: ['sunshine_credit'],
              outcome: 'interested',
              nextFollowUp: null,
            }),
          };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    if (record) times.push(responseTime);
  });
  const result = await instance;
  return { result, times: times.sort((a, b) => a - b), statuses };
}

async function main() {
  const conn = await mongoose.createConnection(URI).asPromise();
  const visits = conn.db!.collection('visits');
  const before = await visits.estimatedDocumentCount();
  machineState('before', 7);
  const bff = await startBff();
  try {
    const { accessToken } = await json('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: PASSWORD }),
    });
    const households: string[] = [];
    for (let page = 1; ; page++) {
      const body = await json(`/api/v1/households?pageSize=100&page=${page}`, { headers: { authorization: `Bearer ${accessToken}` } });
      households.push(...body.data.map((h: { id: string }) => h.id));
      if (households.length >= body.total || body.data.length === 0) break;
    }
    console.log(`${USER}: ${households.length} households; visits in ${URI} before: ${before}`);

    if (WARMUP_SECONDS > 0) {
      // The first requests miss the household-facts cache and wait for one portfolio read.
      const w = await load(accessToken, households, WARMUP_SECONDS, true);
      console.log(
        `warm-up ${WARMUP_SECONDS}s (cold cache): ${w.times.length} responses, statuses ${JSON.stringify(Object.fromEntries(w.statuses))}, ` +
          `p50 ${percentile(w.times, 50)} ms, p95 ${percentile(w.times, 95)} ms, max ${w.times.at(-1)} ms`,
      );
    }
    machineState('measured run starts', 7);
    const { result, times, statuses } = await load(accessToken, households, SECONDS, true);
    machineState('measured run ended', 7);
    const after = await visits.estimatedDocumentCount();
    const created = statuses.get(201) ?? 0;
    console.log(
      JSON.stringify(
        {
          uri: URI,
          connections: CONNECTIONS,
          seconds: SECONDS,
          requests: times.length,
          statuses: Object.fromEntries(statuses),
          errors: result.errors,
          timeouts: result.timeouts,
          rps: Math.round((times.length / SECONDS) * 10) / 10,
          latencyMs: {
            p50: percentile(times, 50),
            p90: percentile(times, 90),
            p95: percentile(times, 95),
            p99: percentile(times, 99),
            max: times.at(-1),
            mean: Math.round((times.reduce((s, v) => s + v, 0) / times.length) * 10) / 10,
          },
          visitsBefore: before,
          visitsAfter: after,
          created201: created,
        },
        null,
        2,
      ),
    );
  } finally {
    bff.kill('SIGTERM');
    await new Promise((r) => bff.once('exit', r));
    await conn.close();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 500);
      if (found.length) await redis.del(...found);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * Portrait read benchmark (issue 3): a bare Koa hello-world and the real BFF's
 * GET /api/v1/households/{id}/portrait, measured one after the other in the same run with
 * autocannon at 64 connections for a fixed duration.
 *
 *   npx tsx bench/portrait/run.ts [--db bench50k] [--user m.01.01] [--duration 30] [--connections 64] [--rounds 1]
 *
 * - `--rounds N` alternates hello-world and portrait N times (each `--duration` seconds) and
 *   reports every round plus the median ratio: on a shared machine, other load comes and goes
 *   within seconds, and alternating exposes both servers to it alike.
 *
 * - Both servers are child processes (production-like `node` with tsx transpilation), so the
 *   load generator in this process does not share their event loop.
 * - The BFF is the whole real stack: createApp() from bff/src/main.ts against FerretDB and
 *   Redis, Bearer authentication (one Redis round trip per request), data scope, the command.
 * - Requests pick a random household within the caller's data scope (all households of
 *   the user's scope: a manager's own, or a president's branch).
 * - Before measuring, every household of the scope is read once (concurrency 8): the cold
 *   reads are the cache misses, reported separately; the measured phase reads from cache.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { connectDatabase } from '../../bff/src/db';
import { createModels } from '../../bff/models';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'bench50k' },
    user: { type: 'string', default: 'm.01.01' },
    duration: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '64' },
    'bff-port': { type: 'string', default: '18110' },
    'hello-port': { type: 'string', default: '18111' },
    /** The BFF writes a V8 CPU profile into this directory when it exits (bench/visit-submit/summarizeProfile.ts reads it). */
    'cpu-prof': { type: 'string', default: '' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const mongoUri = `mongodb://127.0.0.1:27017/${values.db}`;
const bffUrl = `http://127.0.0.1:${values['bff-port']}`;
const helloUrl = `http://127.0.0.1:${values['hello-port']}`;

function start(script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  // node itself (not npx), so that the kill at the end reaches the server process.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.on('data', () => undefined);
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`${url} did not come up`);
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function cannon(title: string, url: string, opts: Partial<autocannon.Options> = {}) {
  // autocannon reports p97.5 and p99 but no p95: every response time is kept to compute it.
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const line = {
    title,
    requestsPerSec: Math.round(result.requests.average),
    latencyMs: {
      p50: round(pct(times, 50)),
      p95: round(pct(times, 95)),
      p99: round(pct(times, 99)),
      max: round(times.at(-1) ?? NaN),
      mean: result.latency.mean,
    },
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  console.log(JSON.stringify(line));
  return line;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  // The caller's scope, read straight from the database (listing it through the API would
  // itself take seconds on FerretDB and is not what is measured).
  const conn = await connectDatabase(mongoUri);
  const models = createModels(conn);
  const user = await models.User.findOne({ username: values.user }).lean();
  if (!user) throw new Error(`no user ${values.user} in ${values.db}`);
  const filter = user.role === 'manager' ? { managerId: user._id } : user.role === 'branch_president' ? { branchId: user.branchId! } : {};
  const ids = (await models.Household.find(filter).select('_id').lean()).map((h) => String(h._id));
  await conn.close();
  console.log(`scope of ${values.user} (${user.role}): ${ids.length} households`);

  const hello = start('bench/portrait/helloServer.ts', { PORT: values['hello-port']! });
  const bff = start(
    'bff/src/main.ts',
    {
      NODE_ENV: 'development',
      PORT: values['bff-port']!,
      MONGODB_URI: mongoUri,
      REDIS_PREFIX: `${values.db}:`,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MIN: '1000',
    },
    values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [],
  );
  try {
    await Promise.all([waitFor(helloUrl), waitFor(`${bffUrl}/healthz`)]);
    const login = await fetch(`${bffUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: values.user, password: 'Demo@2026' }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { Authorization: `Bearer ${token}` };

    // Cold reads: each household once, 8 at a time.
    const cold: number[] = [];
    let next = 0;
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const s = performance.now();
          const res = await fetch(`${bffUrl}/api/v1/households/${id}/portrait`, { headers });
          await res.text();
          if (res.status !== 200) throw new Error(`portrait ${id}: ${res.status}`);
          cold.push(performance.now() - s);
        }
      }),
    );
    cold.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        title: 'cold reads (cache misses, 8 concurrent)',
        count: cold.length,
        seconds: (Date.now() - t0) / 1000,
        latencyMs: { p50: Math.round(pct(cold, 50)), p95: Math.round(pct(cold, 95)), max: Math.round(cold.at(-1)!) },
      }),
    );

    const ratios: number[] = [];
    const rounds = Number(values.rounds);
    for (let round = 1; round <= rounds; round++) {
      const tag = rounds > 1 ? ` [round ${round}/${rounds}]` : '';
      const helloResult = await cannon(`bare Koa hello-world${tag}`, helloUrl);
      const portraitResult = await cannon(`GET /api/v1/households/{id}/portrait (random household in scope)${tag}`, bffUrl, {
        headers,
        requests: [
          { setupRequest: (req) => ({ ...req, path: `/api/v1/households/${ids[Math.floor(Math.random() * ids.length)]}/portrait` }) },
        ],
      });
      ratios.push(portraitResult.requestsPerSec / helloResult.requestsPerSec);
      console.log(JSON.stringify({ round, portraitOverHello: Math.round(ratios.at(-1)! * 1000) / 1000 }));
    }
    ratios.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        portraitOverHello: Math.round(ratios[Math.floor(ratios.length / 2)]! * 1000) / 1000,
        ...(rounds > 1 ? { note: 'median of the rounds' } : {}),
        targets: { p95BelowMs: 50, ratioAtLeast: 0.25 },
      }),
    );
  } finally {
    hello.kill('SIGTERM');
    bff.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

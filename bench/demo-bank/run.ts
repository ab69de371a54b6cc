/**
 * Benchmark of the demo-bank generator and the ODS import at scale:
 *
 *   npx tsx bench/demo-bank/run.ts --households 1000000 [--days 1] [--uri mongodb://127.0.0.1:27017] [--keep]
 *
 * Runs, each as its own process under `/usr/bin/time -v` (wall time and peak RSS of the
 * Node process; the database server's own memory is not included):
 *   1. bff/demo/cli.ts  — generate, encrypt and insert the households, write the ODS files;
 *   2. bff/ods/cli.ts   — import the business date;
 *   3. bff/ods/cli.ts   — import it again (must be a no-op).
 * into a scratch database `bench_demobank_<n>_<time>` and a scratch ODS directory under the
 * OS temp dir, both removed at the end (unless --keep). Prints one JSON line per run, which
 * RESULTS.md quotes.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';

const ROOT = resolve(__dirname, '..', '..');
const BUSINESS_DATE = '2026-11-27';
const SEED = '20261128';

interface Measured {
  step: string;
  wallSeconds: number;
  maxRssMiB: number;
  exitCode: number;
  tail: string;
}

function parseElapsed(text: string): number {
  // "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.33"
  const m = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*([\d:.]+)/.exec(text);
  if (!m) return NaN;
  return m[1]!.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

function parseMaxRss(text: string): number {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(text);
  return m ? Number(m[1]) / 1024 : NaN;
}

function timed(step: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', ...args], { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({
        step,
        wallSeconds: Math.round(parseElapsed(err) * 10) / 10,
        maxRssMiB: Math.round(parseMaxRss(err)),
        exitCode: code ?? -1,
        tail: (out + err.split('\tCommand being timed')[0]).trim().split('\n').slice(-14).join('\n'),
      });
    });
  });
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '50000' },
      days: { type: 'string', default: '1' },
      uri: { type: 'string', default: process.env.BENCH_MONGODB_URI ?? 'mongodb://127.0.0.1:27017' },
      keep: { type: 'boolean', default: false },
    },
  });
  const households = Number(values.households);
  const dbName = `bench_demobank_${households}_${Date.now().toString(36)}`;
  const uri = `${values.uri.replace(/\/$/, '')}/${dbName}`;
  const odsDir = await mkdtemp(join(tmpdir(), 'bench-demo-bank-ods-'));
  const env = { ...process.env, MONGODB_URI: uri, NODE_ENV: 'development' };
  console.log(
    JSON.stringify({
      started: new Date().toISOString(),
      households,
      days: Number(values.days),
      db: uri,
      odsDir,
      node: process.version,
      cpus: cpus().length,
      memGiB: Math.round(totalmem() / 2 ** 30),
    }),
  );

  const results: Measured[] = [];
  try {
    const cli = [
      'bff/demo/cli.ts',
      '--households',
      String(households),
      '--seed',
      SEED,
      '--ods-dir',
      odsDir,
      '--business-date',
      BUSINESS_DATE,
      '--days',
      values.days,
    ];
    results.push(await timed('generate', cli, env));
    if (results[0]!.exitCode !== 0) throw new Error(`generator failed:\n${results[0]!.tail}`);
    const odsBytes = await dirBytes(odsDir);
    results.push(await timed('ods-import', ['bff/ods/cli.ts', '--date', BUSINESS_DATE, '--dir', odsDir], env));
    results.push(await timed('ods-reimport', ['bff/ods/cli.ts', '--date', BUSINESS_DATE, '--dir', odsDir], env));
    for (const r of results)
      console.log(JSON.stringify({ households, step: r.step, wallSeconds: r.wallSeconds, maxRssMiB: r.maxRssMiB, exitCode: r.exitCode }));
    console.log(JSON.stringify({ households, odsMiB: Math.round(odsBytes / 2 ** 20) }));
    for (const r of results) console.log(`--- ${r.step} output (tail)\n${r.tail}`);
  } finally {
    if (!values.keep) {
      const conn = await mongoose.createConnection(uri, { retryWrites: false }).asPromise();
      await conn.dropDatabase();
      await conn.close();
      await rm(odsDir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * Credit engine throughput: `npx tsx bench/credit-engine/engine.bench.ts` from the repository root.
 *
 * Evaluates a pre-generated, deterministic, varied set of applicants (generateFacts.ts) in a loop
 * on one thread (Node runs JavaScript on one core), validation included, after a warm-up that
 * lets V8 optimise. The measured time is cut into rounds so that a burst of load from another
 * process on a shared machine shows up as one slow round: the median round is the figure to
 * quote, the best round shows what the code does undisturbed. The rate per CPU-second (time the
 * process was actually running) is printed too.
 *
 * Options (environment): BENCH_SECONDS (default 6), BENCH_FACTS (default 1000 distinct
 * applicants, about 1 MB: like a live request, whose facts were just parsed and are in cache;
 * 10000 shows the cost of cache misses).
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { applicantFactsSchema, evaluate, type CreditDecision } from '../../bff/credit';
import { generateFacts } from './generateFacts';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const factCount = Number(process.env.BENCH_FACTS ?? 1_000);
const ROUNDS = 6;
const facts = generateFacts(factCount);

interface Measurement {
  calls: number;
  /** Calls per wall-clock second, over all rounds. */
  perSecond: number;
  /** Median and best round, calls per wall-clock second. */
  median: number;
  best: number;
  /** Calls per second of CPU time charged to this process (all its threads, GC included). */
  perCpuSecond: number;
}

/** Runs `fn` over the facts for `budgetMs`, in ROUNDS rounds; rates are calls per second. */
function measure(budgetMs: number, fn: (facts: unknown) => unknown): Measurement {
  const rates: number[] = [];
  let calls = 0;
  let elapsedTotal = 0;
  let sink = 0; // keeps results alive so the work cannot be optimised away
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    let roundCalls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < budgetMs / ROUNDS) {
      for (const f of facts) {
        if (fn(f) !== undefined) sink++;
      }
      roundCalls += facts.length;
      elapsed = performance.now() - start;
    }
    rates.push(roundCalls / (elapsed / 1000));
    calls += roundCalls;
    elapsedTotal += elapsed;
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (sink !== calls) throw new Error('lost results');
  rates.sort((a, b) => a - b);
  const median = ((rates[(ROUNDS - 1) >> 1] ?? 0) + (rates[ROUNDS >> 1] ?? 0)) / 2;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { calls, perSecond: calls / (elapsedTotal / 1000), median, best: rates[ROUNDS - 1] ?? 0, perCpuSecond: calls / cpuSeconds };
}

// Decision mix of the input set (one pass), so the figure can be read against it.
const mix: Record<CreditDecision['decision'], number> = { pass: 0, review: 0, reject: 0, incomplete: 0 };
const codes: Record<string, number> = {};
for (const f of facts) {
  const decision = evaluate(f);
  mix[decision.decision]++;
  for (const reason of decision.reasons) codes[reason.code] = (codes[reason.code] ?? 0) + 1;
}

measure(2_000, evaluate); // warm-up
const full = measure(seconds * 1000, evaluate);
const validation = measure((seconds * 1000) / 2, (f) => applicantFactsSchema.safeParse(f));

const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const micros = (perSecond: number) => `${(1e6 / perSecond).toFixed(2)} µs`;
const pct = (n: number) => `${((100 * n) / facts.length).toFixed(1)}%`;
console.log(`credit engine sunshine-v1 — node ${process.version}, ${facts.length} distinct applicants, ${seconds}s in ${ROUNDS} rounds`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (at the end)`,
);
console.log(
  `evaluate (validation included): median round ${rate(full.median)} (${micros(full.median)} each), ` +
    `best round ${rate(full.best)}, overall ${rate(full.perSecond)} over ${full.calls.toLocaleString('en-US')} calls`,
);
console.log(
  `  per CPU-second charged to the process: ${rate(full.perCpuSecond)} (wall-clock rates drop when other processes take the core)`,
);
console.log(
  `  of which validation (zod safeParse alone): median ${rate(validation.median)} (${micros(validation.median)} each, ` +
    `~${((100 * full.median) / validation.median).toFixed(0)}% of an evaluation)`,
);
console.log(`decision mix: pass ${pct(mix.pass)}, review ${pct(mix.review)}, reject ${pct(mix.reject)}, incomplete ${pct(mix.incomplete)}`);
console.log(
  `reasons fired: ${Object.entries(codes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')}`,
);
console.log(`target ≥ 100,000 evaluations/s (median round): ${full.median >= 100_000 ? 'met' : 'NOT met'}`);

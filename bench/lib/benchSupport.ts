/**
 * What the HTTP benchmarks under bench/ share: exact percentiles from every response time
 * (autocannon reports no p95), the machine's load printed beside the figures (this is a
 * shared 2-vCPU machine, so a figure without its load means little), and a JSON client.
 */
import { execSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Prints the load average and the busiest processes, under `label`. */
export function machineState(label: string, topProcesses = 5): void {
  const [l1, l5, l15] = loadavg().map((v) => v.toFixed(2));
  let top = '';
  try {
    top = execSync(`ps -eo pcpu,rss,comm --sort=-pcpu | head -${topProcesses + 1}`, { encoding: 'utf8' });
  } catch {
    /* no ps */
  }
  console.log(`\n[${label}] ${new Date().toISOString()} load average ${l1} ${l5} ${l15} on ${cpus().length} CPUs\n${top}`);
}

/** A JSON call against `base` that throws on a non-2xx answer. */
export function jsonClient(base: string) {
  return async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, init);
    const body = (await res.json()) as any;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
}

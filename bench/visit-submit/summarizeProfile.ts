/**
 * Self time per function (and per package) of a V8 .cpuprofile, to see where the BFF's CPU
 * goes during a run: npx tsx bench/visit-submit/summarizeProfile.ts /tmp/prof/<file>.cpuprofile
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url.replace(/^file:\/\/\/work\/main\//, '');
  fn.set(
    `${functionName || '(anonymous)'} ${where}:${lineNumber}`,
    (fn.get(`${functionName || '(anonymous)'} ${where}:${lineNumber}`) ?? 0) + us,
  );
  const p = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where.startsWith('node:') ? 'node' : where ? 'app' : functionName);
  pkg.set(p, (pkg.get(p) ?? 0) + us);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
console.log(
  `total sampled ${(total / 1e6).toFixed(1)} s\n-- by package\n${top(pkg, 15).join('\n')}\n-- by function\n${top(fn, 25).join('\n')}`,
);

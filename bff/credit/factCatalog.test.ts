/**
 * Each catalogue reader must read exactly the path it is named after: checked against a plain
 * dotted-path walk, on applicants with checks present, missing, and flags set.
 */
import { deriveFacts } from './derivedFacts';
import { factCatalog, type FactPath } from './factCatalog';
import { sunshineV1 } from './models/sunshineV1';
import { buildFacts } from './testing/buildFacts';
import type { Almanac } from './types';

function walk(almanac: Almanac, path: string): unknown {
  const root: unknown = path.startsWith('derived.') ? almanac : almanac.facts;
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined),
      root,
    );
}

const applicants = [
  buildFacts(),
  buildFacts({ checks: { provincialWarning: null, judicial: null } }),
  buildFacts({
    totalDebt: 600_000,
    checks: { blacklist: true, graylist: true, judicial: { enforcement: true, frozenAssets: true }, provincialWarning: { level: 'high' } },
    relationship: { wealthBalance: 12.34, hasEBanking: false },
  }),
];
const almanacs: Almanac[] = applicants.map((facts) => ({ facts, derived: deriveFacts(facts, sunshineV1) }));

describe('factCatalog', () => {
  it.each(Object.keys(factCatalog) as FactPath[])('%s reads its own path', (path) => {
    for (const almanac of almanacs) expect(factCatalog[path](almanac)).toEqual(walk(almanac, path));
  });

  it('names every leaf of the facts', () => {
    const leaves = (value: unknown, prefix: string): string[] =>
      Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
        typeof child === 'object' && child !== null ? leaves(child, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const facts = leaves(buildFacts(), '').filter((path) => path !== 'asOf' && path !== 'birthDate');
    expect(Object.keys(factCatalog)).toEqual(expect.arrayContaining(facts));
  });
});

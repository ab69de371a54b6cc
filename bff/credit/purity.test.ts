/**
 * The engine is pure (style habit 5): this test reads its sources and refuses I/O imports and
 * clock reads, so the rule is enforced even before a lint rule exists. (It may use fs itself:
 * test files are excluded from the scan.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every non-test TypeScript source under bff/credit. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Module specifiers of import/export-from/require/dynamic import statements. */
function importsOf(code: string): string[] {
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

const FORBIDDEN =
  /^(node:)?(koa|@koa\/.*|koa-.*|mongoose|mongodb|ioredis|redis|http|https|http2|net|tls|dgram|dns|fs|fs\/promises|child_process|worker_threads|cluster|os|process|axios|undici|node-fetch|pino)$/;
/** Test-only helpers may import the property-testing library; the engine itself only zod. */
const ALLOWED_PACKAGES = new Set(['zod', 'fast-check']);

const files = sources(__dirname);

describe('bff/credit is pure', () => {
  it('finds the engine sources', () => {
    const names = files.map((file) => relative(__dirname, file));
    expect(names).toEqual(
      expect.arrayContaining([
        'index.ts',
        'admission.ts',
        'scorecard.ts',
        'limit.ts',
        'decision.ts',
        'evaluate.ts',
        'operators.ts',
        'models/sunshineV1.ts',
      ]),
    );
  });

  it.each(files.map((file) => [relative(__dirname, file), file]))('%s imports nothing that does I/O', (_name, file) => {
    const specifiers = importsOf(readFileSync(file, 'utf8'));
    for (const specifier of specifiers) {
      expect(FORBIDDEN.test(specifier)).toBe(false);
      if (!specifier.startsWith('.')) expect(ALLOWED_PACKAGES.has(specifier) ? specifier : `forbidden: ${specifier}`).toBe(specifier);
    }
  });

  it.each(files.map((file) => [relative(__dirname, file), file]))('%s never reads the clock or randomness', (_name, file) => {
    const code = readFileSync(file, 'utf8');
    expect(code).not.toMatch(/Date\.now\s*\(/);
    expect(code).not.toMatch(/new\s+Date\s*\(\s*\)/);
    expect(code).not.toMatch(/\bnew\s+Date\b/); // even with an argument: dates are parsed by hand
    expect(code).not.toMatch(/performance\.now|process\.hrtime|Math\.random/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
  });

  it('the engine proper imports only zod', () => {
    const engine = files.filter((file) => !relative(__dirname, file).startsWith('testing'));
    const packages = engine.flatMap((file) => importsOf(readFileSync(file, 'utf8'))).filter((s) => !s.startsWith('.'));
    expect([...new Set(packages)]).toEqual(['zod']);
  });
});

import { routeRegistry, type AnyRouteSpec } from '../../bff/src/http/defineRoute';
import { startTestStack, type TestStack } from '../support/testStack';

/**
 * Sweeps EVERY declared route (the same registry that feeds the OpenAPI document), so a route
 * added later is covered without anyone remembering to add it here:
 * - every non-public route refuses a request without a token (401, the stable error id);
 * - every GET response that staff of each scope can read carries no ID number or phone in
 *   clear (JR/T 0171: masked on display; unmasking is its own audited POST).
 */

/** 18-character resident ID numbers and mainland mobile numbers, anywhere in a string. */
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

const concretePath = (r: AnyRouteSpec, values: Record<string, string>) =>
  `/api/v1${r.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '0123456789abcdef01234567')}`;

/** Every string value in a JSON body, with its JSON path, for a readable failure. */
function strings(value: unknown, at = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

/** Ids found in a body: `id` fields, and `...Id` fields that look like document ids. */
function harvestIds(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((v) => harvestIds(v, into));
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && (k === 'id' || k.endsWith('Id')) && /^[0-9a-f]{24}$/.test(v)) into.add(v);
    else harvestIds(v, into);
  }
}

describe('every declared route', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ households: 120 });
  });
  afterAll(() => stack?.stop());

  it('detects clear ID numbers and phones, and lets the masked forms through', () => {
    expect(ID_NUMBER.test('身份证 32128319800517123X')).toBe(true);
    expect(MOBILE.test('电话13812345678')).toBe(true);
    expect(ID_NUMBER.test('3212**********123X')).toBe(false);
    expect(MOBILE.test('138****5678')).toBe(false);
  });

  it('requires a token on every non-public route', async () => {
    const guarded = routeRegistry.filter((r) => r.policy !== 'public');
    expect(guarded.length).toBeGreaterThan(5);
    const refused: string[] = [];
    for (const r of guarded) {
      const res = await stack.app.api.request(r.method.toUpperCase(), concretePath(r, {}), {
        body: r.method === 'get' || r.method === 'delete' ? undefined : {},
      });
      if (res.status !== 401 || res.body?.error?.id !== 'auth.unauthenticated') refused.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(refused).toEqual([]);
  });

  it.each(['m.01.01', 'bp.01', 'admin'])('shows %s no ID number or phone in clear in any GET response', async (username) => {
    const { accessToken } = await stack.app.api.login(username);
    const gets = routeRegistry.filter((r) => r.method === 'get' && r.policy !== 'public' && !r.path.includes('/content'));
    const ids = new Set<string>();
    const leaks: string[] = [];
    const read: string[] = [];

    const scan = async (r: AnyRouteSpec, url: string) => {
      const res = await stack.app.api.get(url, accessToken);
      if (res.status !== 200) return false;
      read.push(r.path);
      harvestIds(res.body, ids);
      for (const [at, s] of strings(res.body)) {
        if (ID_NUMBER.test(s) || MOBILE.test(s)) leaks.push(`${url} ${at} = ${s}`);
      }
      return true;
    };

    // Routes without path parameters first: their bodies give the ids the others need.
    for (const r of gets.filter((g) => !g.path.includes('{'))) await scan(r, concretePath(r, {}));
    for (const r of gets.filter((g) => g.path.includes('{'))) {
      const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const id of ids) {
        if (await scan(r, concretePath(r, Object.fromEntries(names.map((n) => [n, id]))))) break;
      }
    }

    expect(leaks).toEqual([]);
    // The sweep must actually have read the household list and a household file, or it proves nothing.
    expect(read).toEqual(expect.arrayContaining(['/households', '/households/{id}']));
  });
});

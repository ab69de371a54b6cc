/**
 * The COMPILED capture subpackage (household file form, visit check-in) under
 * miniprogram-simulate against the real BFF: a filled form files a household; a bad ID
 * number is refused next to the field by the shared schema; a visit made while wx.request
 * fails is kept in WeChat's encrypted storage and sent exactly once when the network returns.
 *
 * Needs a weapp build: `TARO_OUTPUT_ROOT=dist-capture npx taro build --type weapp` in miniapp/,
 * then WEAPP_DIST=miniapp/dist-capture.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { idCheckChar, type TokenPair } from '@sunshine/shared';
import { startTestStack } from '../support/testStack';
import { bootWeapp, forwardRequestsTo, tap, textOf, typeInto, type SimPage, type WeappHost, type WxRequestOptions } from './weappHost';

const SESSION_KEY = 'sunshine.session.v1';
const OUTBOX_KEY = 'sunshine.outbox.v1';
const FORM = 'subpackages/capture/pages/household-form/index';
const VISIT = 'subpackages/capture/pages/visit/index';

type WxCallbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let host: WeappHost;
let online = true;
const requests: Array<{ method: string; url: string }> = [];
/** What wx.setStorage received: WeChat keeps `encrypt: true` values as AES ciphertext. */
const encryptedWrites: Array<{ key: string; encrypt: boolean; stored: string }> = [];
const networkListeners: Array<(r: { isConnected: boolean; networkType: string }) => void> = [];

function ok(cb: WxCallbacks, res: Record<string, unknown>) {
  setTimeout(() => {
    cb.success?.(res);
    cb.complete?.(res);
  }, 0);
}
function fail(cb: WxCallbacks, errMsg: string) {
  setTimeout(() => {
    cb.fail?.({ errMsg });
    cb.complete?.({ errMsg });
  }, 0);
}

/** WeChat's encrypted storage as the app sees it: values come back in clear, rest as ciphertext. */
function installEncryptedStorage(wx: Record<string, unknown>) {
  const key = randomBytes(16);
  const disk = new Map<string, { encrypt: boolean; stored: string; value: unknown }>();
  wx.setStorage = (o: WxCallbacks & { key: string; data: unknown; encrypt?: boolean }) => {
    const json = JSON.stringify(o.data);
    let stored = json;
    if (o.encrypt) {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-128-cbc', key, iv);
      stored = Buffer.concat([iv, c.update(json, 'utf8'), c.final()]).toString('base64');
    }
    disk.set(o.key, { encrypt: !!o.encrypt, stored, value: JSON.parse(json) });
    encryptedWrites.push({ key: o.key, encrypt: !!o.encrypt, stored });
    ok(o, { errMsg: 'setStorage:ok' });
  };
  wx.getStorage = (o: WxCallbacks & { key: string; encrypt?: boolean }) => {
    const item = disk.get(o.key);
    if (!item || item.encrypt !== !!o.encrypt) return fail(o, 'getStorage:fail data not found');
    ok(o, { errMsg: 'getStorage:ok', data: item.value });
  };
  wx.removeStorage = (o: WxCallbacks & { key: string }) => {
    disk.delete(o.key);
    ok(o, { errMsg: 'removeStorage:ok' });
  };
}

function validId(first17: string): string {
  return first17 + idCheckChar(first17);
}

beforeAll(async () => {
  stack = await startTestStack();
  const forward = forwardRequestsTo(stack.baseUrl);
  host = bootWeapp({
    request: (o: WxRequestOptions) => {
      requests.push({ method: (o.method ?? 'GET').toUpperCase(), url: o.url });
      if (!online) return fail(o as WxCallbacks, 'request:fail net::ERR_INTERNET_DISCONNECTED');
      forward(o);
    },
    login: async () => ({ code: 'sim-code-capture.1' }),
  });
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  installEncryptedStorage(wx);
  wx.onNetworkStatusChange = (cb: (r: { isConnected: boolean; networkType: string }) => void) => void networkListeners.push(cb);
  wx.getLocation = (o: WxCallbacks & { type?: string }) => {
    // A GCJ-02 fix is only what WeChat gives when asked for gcj02.
    if (o.type !== 'gcj02') return fail(o, 'getLocation:fail wrong type');
    ok(o, { errMsg: 'getLocation:ok', latitude: 32.2453, longitude: 120.0512, accuracy: 15 });
  };

  const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'm.01.01', password: 'Demo@2026' }),
  });
  const pair = (await res.json()) as TokenPair;
  host.storage.set(SESSION_KEY, {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + 900_000,
    user: pair.user,
  });
}, 180_000);

afterAll(async () => {
  host?.dispose();
  await stack?.stop();
});

/** A village of m.01.01's grid, as the form offers them. */
async function someVillage(): Promise<string> {
  const { Household, User } = stack.app.db.models;
  const manager = await User.findOne({ username: 'm.01.01' }).lean();
  const h = await Household.findOne({ managerId: manager!._id }).lean();
  return h!.villageCode;
}

describe('household file form (compiled weapp)', () => {
  let form: SimPage;
  const address = `测试组${Date.now() % 100000}号`;
  const first17 = `321283${String(1950 + (Date.now() % 40))}0704${String(100 + (Date.now() % 800)).padStart(3, '0')}`;

  it('shows the shared schema’s checksum error next to the ID number field', async () => {
    const village = await someVillage();
    form = host.openPage(FORM);
    await host.waitFor(() => !!form.querySelector(`#village-${village}`), 'the village choices');
    tap(form, `#village-${village}`);
    typeInto(form, '#household-address', address);
    typeInto(form, '#member-0-name', '测试户主');
    const good = validId(first17);
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    typeInto(form, '#member-0-idNumber', wrongCheck);
    typeInto(form, '#member-0-phone', '13912345678');
    tap(form, '#member-0-education-junior_high');
    tap(form, '#member-0-maritalStatus-married');
    typeInto(form, '#finance-annualIncome', '86000');
    typeInto(form, '#finance-netIncome', '52000');
    typeInto(form, '#finance-annualSpending', '30000');
    await host.simulate.sleep(200);
    tap(form, '#form-submit');

    await host.waitFor(() => !!form.querySelector('#err-members-0-idNumber'), 'the ID number error');
    expect(textOf(form, '#err-members-0-idNumber')).toBe('身份证号校验位错误');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('files the household when the form is valid; it is in the database with the ID number encrypted', async () => {
    const good = validId(first17);
    typeInto(form, '#member-0-idNumber', good);
    // A person's tap comes well after the keystroke's re-render; the submit handler reads that render.
    await host.simulate.sleep(200);
    tap(form, '#form-submit');
    await host
      .waitFor(() => !!form.querySelector('#form-done-title'), 'the filed confirmation', 20_000)
      .catch((err: Error) => {
        throw new Error(`${err.message}; form says: ${textOf(form, '#form-message')}`);
      });
    expect(textOf(form, '#form-done-title')).toBe('建档成功');

    const h = await stack.app.db.models.Household.findOne({ address }).lean();
    expect(h).toBeTruthy();
    expect(textOf(form, '#form-done-no')).toContain(h!.householdNo);
    expect(h!.members).toHaveLength(1);
    expect(h!.members[0]!.idIndex).toBe(stack.app.crypto.blindIndex('id', good));
    expect(JSON.stringify(h)).not.toContain(good);
    expect(requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/households'))).toHaveLength(1);
    // The outbox kept the capture encrypted while it was being sent.
    const outboxWrites = encryptedWrites.filter((w) => w.key === OUTBOX_KEY);
    expect(outboxWrites.length).toBeGreaterThan(0);
    for (const w of outboxWrites) {
      expect(w.encrypt).toBe(true);
      expect(w.stored).not.toContain(good);
    }
  });
});

describe('visit check-in (compiled weapp)', () => {
  it('queues a visit made offline, encrypted, and sends it exactly once when the network returns', async () => {
    const { Household, Visit, User } = stack.app.db.models;
    const manager = await User.findOne({ username: 'm.01.01' }).lean();
    const h = await Household.findOne({ managerId: manager!._id, lastVisitAt: null }).lean();
    const householdId = String(h!._id);
    const before = await Visit.countDocuments({ householdId: h!._id });

    const page = host.openPage(VISIT, { householdId });
    await host.waitFor(() => (textOf(page, '#visit-location') ?? '').includes('精度 15 米'), 'the GCJ-02 fix');
    online = false;
    tap(page, '#visit-outcome-interested');
    tap(page, '#visit-product-sunshine_credit');
    typeInto(page, '#visit-notes', '离线走访测试');
    await host.simulate.sleep(200);
    tap(page, '#visit-submit');
    await host
      .waitFor(() => !!page.querySelector('#visit-done-title'), 'the queued confirmation')
      .catch((err: Error) => {
        throw new Error(
          `${err.message}; page says: ${page
            .querySelectorAll('.capture-row__error')
            .map((n) => n.dom?.textContent)
            .join('|')} ${textOf(page, '#visit-message')} / ${textOf(page, '#section-location')}`,
        );
      });
    expect(textOf(page, '#visit-done-title')).toContain('已加密保存');

    const visitPosts = () => requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/visits')).length;
    expect(visitPosts()).toBe(1); // tried once, the network failed
    const last = encryptedWrites.filter((w) => w.key === OUTBOX_KEY).at(-1)!;
    expect(last.encrypt).toBe(true);
    expect(last.stored).not.toContain('离线走访测试');
    expect(last.stored).not.toContain(householdId);
    expect(await Visit.countDocuments({ householdId: h!._id })).toBe(before);

    online = true;
    expect(networkListeners.length).toBeGreaterThan(0);
    for (const l of networkListeners) l({ isConnected: true, networkType: 'wifi' });
    await host.waitFor(() => visitPosts() === 2, 'the resend');
    let visits = before;
    const counting = setInterval(() => void Visit.countDocuments({ householdId: h!._id }).then((n) => (visits = n)), 50);
    await host.waitFor(() => visits === before + 1, 'the visit in the database').finally(() => clearInterval(counting));
    // A second reconnect finds nothing left to send.
    for (const l of networkListeners) l({ isConnected: true, networkType: 'wifi' });
    await host.simulate.sleep(500);
    expect(visitPosts()).toBe(2);
    expect(await Visit.countDocuments({ householdId: h!._id })).toBe(before + 1);
    const visit = await Visit.findOne({ householdId: h!._id }).sort({ at: -1 }).lean();
    expect(visit!.notes).toBe('离线走访测试');
    expect(visit!.products).toEqual(['sunshine_credit']);
  });
});

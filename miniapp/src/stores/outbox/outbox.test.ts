/**
 * @jest-environment node
 */
// Node, not jsdom: the H5 store is tested with the platform's real WebCrypto (AES-GCM), which
// jsdom does not provide. The IndexedDB under it is a Map with the same get/put/delete contract.
import { webcrypto } from 'node:crypto';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../test/taroStub';
import { ApiError } from '../../services/request';
import { Outbox, OUTBOX_KEY, backoffMs, type OutboxApi } from './outbox';
import { webCryptoSecureStore, weappSecureStore, type KeyValueBackend, type SecureStore } from './secureStore';
import type { FileVault } from './fileVault';
import type { NewOutboxEntry } from './types';

const ID_NUMBER = '32128319800101001X';

function mapBackend() {
  const map = new Map<string, unknown>();
  const backend: KeyValueBackend = {
    get: async (k) => map.get(k),
    put: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  };
  return { map, backend };
}

/** Every byte the backend holds, as text, to look for clear values in. */
function rawText(map: Map<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of map) {
    parts.push(k);
    const sealed = v as { data?: ArrayBuffer; iv?: Uint8Array };
    if (sealed?.data) parts.push(Buffer.from(sealed.data).toString('latin1'), Buffer.from(sealed.data).toString('utf8'));
    else parts.push(JSON.stringify(v) ?? '');
  }
  return parts.join('\n');
}

function memoryVault(): FileVault & { kept: Map<string, string> } {
  const kept = new Map<string, string>();
  return {
    kept,
    keep: async (temp, name) => {
      kept.set(`vault:${name}`, temp);
      return `vault:${name}`;
    },
    open: async (ref) => ({ path: kept.get(ref)!, release: () => undefined }),
    drop: async (ref) => void kept.delete(ref),
  };
}

const offline = () => new ApiError(0, 'client.network', 'network request failed');

/** A fake BFF that dedupes on clientId like the real one, and can be switched off. */
function fakeApi() {
  const calls: Array<{ op: string; clientId?: string; body?: Record<string, unknown> }> = [];
  const seen = new Map<string, string>();
  const state = { online: true, conflictOn: new Set<string>() };
  const record = (op: string, body: Record<string, unknown>) => {
    calls.push({ op, clientId: body.clientId as string | undefined, body });
    if (!state.online) throw offline();
    const key = `${op}:${String(body.clientId)}`;
    if (!seen.has(key)) seen.set(key, `id${seen.size + 1}`);
    return { id: seen.get(key)! };
  };
  const api: OutboxApi = {
    createHousehold: async (body) => record('household', body),
    updateHousehold: async (id, body) => {
      if (state.conflictOn.has(id)) {
        calls.push({ op: 'update', body });
        throw new ApiError(409, 'resource.conflict', '档案已被他人修改(当前版本 3),请刷新后再保存', 'version', { currentVersion: 3 });
      }
      return record(`update:${id}`, body);
    },
    createVisit: async (body) => record('visit', body),
    uploadPhoto: async (input) => record('photo', input as unknown as Record<string, unknown>),
  };
  return { api, calls, state, created: () => seen };
}

const householdCapture = (clientId: string): NewOutboxEntry => ({
  clientId,
  kind: 'household.create',
  title: '新建档案 · 新街村',
  body: {
    clientId,
    villageCode: '321283100001',
    address: '新街村3组',
    members: [{ name: '张三', idNumber: ID_NUMBER, phone: '13812345678' }],
  },
});

const visitCapture = (clientId: string, photos: string[] = []): NewOutboxEntry => ({
  clientId,
  kind: 'visit',
  title: '走访',
  householdId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  body: { clientId, householdId: 'aaaaaaaaaaaaaaaaaaaaaaaa', outcome: 'interested' },
  photos: photos.map((p, i) => ({ clientId: `${clientId}-p${i}`, takenAt: '2026-12-02T08:00:00.000Z', tempPath: p })),
});

function setup(opts: { now?: () => number } = {}) {
  const { map, backend } = mapBackend();
  const store = webCryptoSecureStore(backend, webcrypto.subtle as unknown as SubtleCrypto);
  const vault = memoryVault();
  const server = fakeApi();
  const outbox = new Outbox({ store, vault, api: server.api, now: opts.now });
  return { map, store, vault, server, outbox };
}

beforeEach(() => resetTaroStub());

describe('encryption at rest', () => {
  it('keeps an offline capture AES-GCM encrypted: no stored byte holds the ID number or phone in clear', async () => {
    const { map, store, server, outbox } = setup();
    server.state.online = false;
    const outcome = await outbox.submit(householdCapture('11111111-1111-4111-8111-111111111111'));
    expect(outcome.status).toBe('queued');

    const raw = rawText(map);
    expect(map.size).toBeGreaterThan(1);
    expect(raw).not.toContain(ID_NUMBER);
    expect(raw).not.toContain('13812345678');
    expect(raw).not.toContain('张三');
    // The key is a non-extractable CryptoKey: usable, never exportable.
    const key = [...map.values()].find((v) => (v as { type?: string })?.type === 'secret') as CryptoKey;
    expect(key.extractable).toBe(false);
    await expect(webcrypto.subtle.exportKey('raw', key as never)).rejects.toThrow();
    // And it reads back.
    expect(await store.getText(OUTBOX_KEY)).toContain(ID_NUMBER);
  });

  it('refuses to keep anything when WebCrypto is missing', async () => {
    const { backend } = mapBackend();
    const store = webCryptoSecureStore(backend, null);
    const outbox = new Outbox({ store, vault: memoryVault(), api: fakeApi().api });
    expect(await outbox.available()).toBe(false);
    await expect(outbox.submit(householdCapture('22222222-2222-4222-8222-222222222222'))).rejects.toThrow('secure storage unavailable');
  });

  it('weapp: writes through wx storage with encrypt: true, and reads with it', async () => {
    const data = new Map<string, unknown>();
    const t = Taro as unknown as Record<string, jest.Mock>;
    t.setStorage = jest.fn(async (o: { key: string; data: unknown; encrypt?: boolean }) => void data.set(o.key, o));
    t.getStorage = jest.fn(async (o: { key: string; encrypt?: boolean }) => {
      const stored = data.get(o.key) as { data: unknown; encrypt?: boolean } | undefined;
      if (!stored || stored.encrypt !== o.encrypt) throw new Error('getStorage:fail data not found');
      return { data: stored.data };
    });
    const store: SecureStore = weappSecureStore();
    const server = fakeApi();
    server.state.online = false;
    const outbox = new Outbox({ store, vault: memoryVault(), api: server.api });
    await outbox.submit(householdCapture('33333333-3333-4333-8333-333333333333'));
    expect(t.setStorage).toHaveBeenCalledWith(expect.objectContaining({ key: OUTBOX_KEY, encrypt: true }));
    expect(t.getStorage.mock.calls.every(([o]) => o.encrypt === true)).toBe(true);
    // Nothing went to the plain synchronous storage.
    expect(Taro.setStorageSync).not.toHaveBeenCalled();
    // A fresh outbox (an app restart) finds the entry again.
    const restarted = new Outbox({ store, vault: memoryVault(), api: server.api });
    expect((await restarted.entries()).map((e) => e.clientId)).toEqual(['33333333-3333-4333-8333-333333333333']);
  });
});

describe('replay', () => {
  it('sends queued captures in capture order once the network is back, photos before their visit', async () => {
    const { server, outbox, vault } = setup();
    server.state.online = false;
    await outbox.submit(householdCapture('a0000000-0000-4000-8000-000000000001'));
    await outbox.submit(visitCapture('a0000000-0000-4000-8000-000000000002', ['tmp://p1', 'tmp://p2']));
    await outbox.submit(householdCapture('a0000000-0000-4000-8000-000000000003'));
    expect((await outbox.entries()).map((e) => e.state)).toEqual(['pending', 'pending', 'pending']);
    // Offline, each submit tried the head of the queue only: order is kept, nothing jumped ahead.
    expect(new Set(server.calls.map((c) => c.clientId))).toEqual(new Set(['a0000000-0000-4000-8000-000000000001']));

    server.state.online = true;
    server.calls.length = 0;
    const report = await outbox.flush(true);
    expect(report.sent).toHaveLength(3);
    expect(server.calls.map((c) => `${c.op}:${c.clientId}`)).toEqual([
      'household:a0000000-0000-4000-8000-000000000001',
      'photo:a0000000-0000-4000-8000-000000000002-p0',
      'photo:a0000000-0000-4000-8000-000000000002-p1',
      'visit:a0000000-0000-4000-8000-000000000002',
      'household:a0000000-0000-4000-8000-000000000003',
    ]);
    const visit = server.calls.find((c) => c.op === 'visit')!;
    expect(visit.body!.photoIds).toEqual(['id2', 'id3']);
    expect(await outbox.entries()).toEqual([]);
    expect(vault.kept.size).toBe(0);
  });

  it('backs off after a network failure and retries when due, with the same client id', async () => {
    let now = 1_000_000;
    const { server, outbox } = setup({ now: () => now });
    server.state.online = false;
    await outbox.submit(householdCapture('b0000000-0000-4000-8000-000000000001'));
    const [entry] = await outbox.entries();
    expect(entry!.attempts).toBe(1);
    expect(entry!.nextAttemptAt).toBe(now + backoffMs(1));
    expect(entry!.lastError?.message).toBe('网络连接失败,请检查网络后重试');

    server.state.online = true;
    const early = await outbox.flush(false);
    expect(early.sent).toEqual([]);
    expect(early.retryAt).toBe(entry!.nextAttemptAt);

    now += backoffMs(1);
    expect((await outbox.flush(false)).sent).toEqual(['b0000000-0000-4000-8000-000000000001']);
    expect(server.calls.map((c) => c.clientId)).toEqual(['b0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001']);
    expect(backoffMs(20)).toBe(5 * 60_000);
  });

  it('does not upload a photo again when only the visit failed', async () => {
    const { server, outbox } = setup();
    const real = server.api.createVisit;
    let visitDown = true;
    server.api.createVisit = async (body) => {
      if (visitDown) throw new ApiError(503, 'client.bad_response', 'HTTP 503');
      return real(body);
    };
    const outcome = await outbox.submit(visitCapture('c0000000-0000-4000-8000-000000000001', ['tmp://p1']));
    expect(outcome.status).toBe('queued');
    expect((await outbox.entries())[0]!.photos[0]!.photoId).toBe('id1');
    visitDown = false;
    await outbox.flush(true);
    expect(server.calls.filter((c) => c.op === 'photo')).toHaveLength(1);
    expect(server.calls.filter((c) => c.op === 'visit')).toHaveLength(1);
  });
});

describe('dedupe by client id', () => {
  it('a double tap queues one entry and sends it once, even racing a reconnect flush', async () => {
    const { server, outbox } = setup();
    const capture = householdCapture('d0000000-0000-4000-8000-000000000001');
    const results = await Promise.all([outbox.submit(capture), outbox.submit(capture), outbox.flush(true)]);
    expect(results[0]).toMatchObject({ status: 'sent', result: { id: 'id1' } });
    expect(results[1]).toMatchObject({ status: 'sent' });
    expect(server.calls).toHaveLength(1);
    expect(server.created().size).toBe(1);
  });

  it('a resend after a crash (sent, answer lost) carries the same client id, so the server keeps one record', async () => {
    const { server, outbox, map, store } = setup();
    // The server stores it, but the answer never arrives.
    const real = server.api.createHousehold;
    server.api.createHousehold = async (body) => {
      await real(body);
      throw offline();
    };
    await outbox.submit(householdCapture('e0000000-0000-4000-8000-000000000001'));
    // "Crash": a new outbox over the same encrypted storage.
    server.api.createHousehold = real;
    const revived = new Outbox({ store, vault: memoryVault(), api: server.api });
    await revived.flush(true);
    expect(server.calls.map((c) => c.clientId)).toEqual(['e0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000001']);
    expect(server.created().size).toBe(1);
    expect(await revived.entries()).toEqual([]);
    expect(map.size).toBeGreaterThan(0);
  });
});

describe('edits carry their client id', () => {
  const editCapture = (clientId: string, body: Record<string, unknown>): NewOutboxEntry => ({
    clientId,
    kind: 'household.update',
    title: '修改档案 · 新街村',
    householdId: 'h7',
    body,
  });

  it('an edit resent after a lost answer carries the same client id, so the server keeps one revision', async () => {
    const { server, outbox, store } = setup();
    const clientId = 'a7000000-0000-4000-8000-000000000001';
    const real = server.api.updateHousehold;
    server.api.updateHousehold = async (id, body) => {
      await real(id, body);
      throw offline();
    };
    expect((await outbox.submit(editCapture(clientId, { clientId, version: 2, address: 'x' }))).status).toBe('queued');
    server.api.updateHousehold = real;
    const revived = new Outbox({ store, vault: memoryVault(), api: server.api });
    await revived.flush(true);
    const updates = server.calls.filter((c) => c.op === 'update:h7');
    expect(updates.map((c) => [c.clientId, c.body?.version])).toEqual([
      [clientId, 2],
      [clientId, 2],
    ]);
    expect(server.created().size).toBe(1);
    expect(await revived.entries()).toEqual([]);
  });

  it('an edit queued before bodies carried the id is sent with the entry’s own', async () => {
    const { server, outbox } = setup();
    await outbox.submit(editCapture('a7000000-0000-4000-8000-000000000002', { version: 5, address: 'y' }));
    expect(server.calls.filter((c) => c.op === 'update:h7').map((c) => c.clientId)).toEqual(['a7000000-0000-4000-8000-000000000002']);
  });
});

describe('refused content', () => {
  it('a 409 version conflict stops retrying that edit and keeps it with the reason; later captures still go', async () => {
    const { server, outbox } = setup();
    server.state.conflictOn.add('h1');
    const outcome = await outbox.submit({
      clientId: 'f0000000-0000-4000-8000-000000000001',
      kind: 'household.update',
      title: '修改档案',
      householdId: 'h1',
      body: { version: 2, address: 'x' },
    });
    expect(outcome).toMatchObject({ status: 'rejected', error: { status: 409, field: 'version', details: { currentVersion: 3 } } });
    await outbox.submit(householdCapture('f0000000-0000-4000-8000-000000000002'));
    await outbox.flush(true);
    await outbox.flush(true);

    const entries = await outbox.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'failed', attempts: 1, lastError: { status: 409 } });
    expect(server.calls.filter((c) => c.op === 'update')).toHaveLength(1);

    await outbox.discard('f0000000-0000-4000-8000-000000000001');
    expect(await outbox.entries()).toEqual([]);
  });

  it('400 and 422 are failed, not retried; 401 and 5xx stay pending', async () => {
    for (const [status, state] of [
      [400, 'failed'],
      [422, 'failed'],
      [401, 'pending'],
      [502, 'pending'],
    ] as const) {
      const { server, outbox } = setup();
      server.api.createHousehold = async () => {
        throw new ApiError(status, status === 422 ? 'request.idempotency_mismatch' : 'x', 'no');
      };
      await outbox.submit(householdCapture('99999999-9999-4999-8999-999999999999'));
      expect((await outbox.entries())[0]!.state).toBe(state);
    }
  });
});

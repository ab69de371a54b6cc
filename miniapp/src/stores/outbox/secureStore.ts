import Taro from '@tarojs/taro';

/**
 * Encrypted local storage for queued captures, which hold ID numbers and phones in clear
 * until the BFF has them.
 *
 * - weapp: WeChat's own encrypted storage (`setStorage`/`getStorage` with `encrypt: true`,
 *   AES-128 with a key bound to the WeChat user, base library ≥ 2.21.3). Taro's typings lack
 *   the flag; Taro hands options to `wx` unchanged.
 * - H5: AES-GCM (WebCrypto) under a non-extractable key kept in IndexedDB, so the key cannot be
 *   read out by script, only used. Without WebCrypto or IndexedDB the store is unavailable and
 *   the app refuses to keep anything offline rather than keep it in clear.
 */
export interface SecureStore {
  /** False when this device cannot encrypt: callers must not queue anything then. */
  available(): Promise<boolean>;
  getText(key: string): Promise<string | null>;
  setText(key: string, value: string): Promise<void>;
  /** Binary values (H5 photo bytes). */
  getBytes(key: string): Promise<Uint8Array | null>;
  setBytes(key: string, value: Uint8Array): Promise<void>;
  remove(key: string): Promise<void>;
}

export class SecureStoreUnavailableError extends Error {
  constructor() {
    super('secure storage unavailable');
    this.name = 'SecureStoreUnavailableError';
  }
}

type EncryptedOption = { key: string; encrypt: true };

/** WeChat's encrypted storage; values are strings (bytes go through the file vault instead). */
export function weappSecureStore(): SecureStore {
  return {
    available: async () => typeof Taro.setStorage === 'function',
    async getText(key) {
      try {
        const res = await Taro.getStorage<unknown>({ key, encrypt: true } as EncryptedOption);
        return typeof res.data === 'string' ? res.data : null;
      } catch {
        // "data not found": nothing stored under that key.
        return null;
      }
    },
    async setText(key, value) {
      await Taro.setStorage({ key, data: value, encrypt: true } as EncryptedOption & { data: string });
    },
    async getBytes() {
      throw new Error('weapp keeps binary data in files, not storage');
    },
    async setBytes() {
      throw new Error('weapp keeps binary data in files, not storage');
    },
    async remove(key) {
      try {
        await Taro.removeStorage({ key });
      } catch {
        // Already gone.
      }
    },
  };
}

/** The structured-clone key-value store under the H5 cipher: IndexedDB in browsers. */
export interface KeyValueBackend {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export function indexedDbBackend(dbName = 'sunshine-secure', storeName = 'kv'): KeyValueBackend | null {
  const idb = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) return null;
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = idb.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const d = await db();
    return new Promise<T>((resolve, reject) => {
      const req = op(d.transaction(storeName, mode).objectStore(storeName));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key)),
    put: async (key, value) => void (await run('readwrite', (s) => s.put(value, key))),
    delete: async (key) => void (await run('readwrite', (s) => s.delete(key))),
  };
}

interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

const KEY_SLOT = 'aes-gcm-key.v1';

/** AES-GCM over a key-value backend; `subtle` and `backend` are injectable for tests. */
export function webCryptoSecureStore(
  backend: KeyValueBackend | null = indexedDbBackend(),
  subtle: SubtleCrypto | null = (globalThis as { crypto?: Crypto }).crypto?.subtle ?? null,
): SecureStore {
  let key: Promise<CryptoKey> | null = null;
  const getKey = () =>
    (key ??= (async () => {
      if (!backend || !subtle) throw new SecureStoreUnavailableError();
      const existing = (await backend.get(KEY_SLOT)) as CryptoKey | undefined;
      if (existing) return existing;
      // Non-extractable: script can use the key but never export it.
      const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      await backend.put(KEY_SLOT, fresh);
      return fresh;
    })().catch((err: unknown) => {
      key = null;
      throw err;
    }));

  const seal = async (plain: Uint8Array): Promise<Sealed> => {
    const iv = new Uint8Array(12);
    (globalThis as { crypto: Crypto }).crypto.getRandomValues(iv);
    const data = await subtle!.encrypt({ name: 'AES-GCM', iv: iv as BufferSource }, await getKey(), plain as BufferSource);
    return { iv, data };
  };
  const open = async (sealed: Sealed): Promise<Uint8Array> =>
    new Uint8Array(await subtle!.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, await getKey(), sealed.data));

  const getBytes = async (k: string) => {
    if (!backend) throw new SecureStoreUnavailableError();
    const sealed = (await backend.get(`v:${k}`)) as Sealed | undefined;
    return sealed ? open(sealed) : null;
  };
  const setBytes = async (k: string, value: Uint8Array) => {
    if (!backend) throw new SecureStoreUnavailableError();
    await backend.put(`v:${k}`, await seal(value));
  };

  return {
    async available() {
      try {
        await getKey();
        return true;
      } catch {
        return false;
      }
    },
    async getText(k) {
      const bytes = await getBytes(k);
      return bytes ? new TextDecoder().decode(bytes) : null;
    },
    setText: (k, value) => setBytes(k, new TextEncoder().encode(value)),
    getBytes,
    setBytes,
    async remove(k) {
      await backend?.delete(`v:${k}`);
    },
  };
}

export function platformSecureStore(): SecureStore {
  return process.env.TARO_ENV === 'weapp' ? weappSecureStore() : webCryptoSecureStore();
}

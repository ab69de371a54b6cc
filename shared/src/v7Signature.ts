/**
 * Request signing of the provincial V7 interface (阳光信贷平台接口签名), used in both
 * directions: the BFF signs its calls to V7, and V7 signs the webhooks it sends back.
 *
 * string to sign = METHOD \n path?query \n appId \n timestamp \n nonce \n hex(SHA-256(body))
 * signature      = base64(HMAC-SHA256(secret, string to sign))
 *
 * It uses Web Crypto (global `crypto.subtle`, present in Node ≥ 20 and browsers) rather than
 * node:crypto, because shared/ is also compiled into the mini program; nothing there calls it.
 * Freshness (timestamp window) and replay (nonce store) are the verifier's job: this module
 * only says whether the signature matches.
 */

export const V7_HEADERS = {
  appId: 'x-v7-app-id',
  timestamp: 'x-v7-timestamp',
  nonce: 'x-v7-nonce',
  signature: 'x-v7-signature',
  idempotencyKey: 'idempotency-key',
  eventId: 'x-v7-event-id',
} as const;

/** How far a request's timestamp may be from the verifier's clock, either way. */
export const V7_DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface V7SignInput {
  secret: string;
  appId: string;
  method: string;
  /** Path with query string, exactly as sent (e.g. `/v7/api/precredits/a1`). */
  path: string;
  body: string | Uint8Array;
  /** Unix milliseconds; defaults to now. */
  timestamp?: number;
  /** Defaults to a random UUID. */
  nonce?: string;
}

export interface V7SignedHeaders {
  'x-v7-app-id': string;
  'x-v7-timestamp': string;
  'x-v7-nonce': string;
  'x-v7-signature': string;
}

// Created on first use: the WeChat runtime the mini program loads this module into has no TextEncoder.
let encoderInstance: InstanceType<typeof TextEncoder> | undefined;
const encoder = { encode: (text: string) => (encoderInstance ??= new TextEncoder()).encode(text) };
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const keyCache = new Map<string, Promise<HmacKey>>();

/** A copy on its own ArrayBuffer, which every Web Crypto typing accepts. */
function bytesOf(body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof body === 'string' ? encoder.encode(body) : new Uint8Array(body);
}

function hmacKey(secret: string): Promise<HmacKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keyCache.set(secret, key);
  }
  return key;
}

function toHex(buf: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(buf)) out += b.toString(16).padStart(2, '0');
  return out;
}

function toBase64(buf: ArrayBuffer): string {
  let bin = '';
  for (const b of new Uint8Array(buf)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** hex(SHA-256(body)), the body's part of the string to sign. */
export async function v7BodyHash(body: string | Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytesOf(body)));
}

export function v7StringToSign(p: {
  method: string;
  path: string;
  appId: string;
  timestamp: string;
  nonce: string;
  bodyHash: string;
}): string {
  return [p.method.toUpperCase(), p.path, p.appId, p.timestamp, p.nonce, p.bodyHash].join('\n');
}

/** The four signature headers for one request. */
export async function signV7Request(input: V7SignInput): Promise<V7SignedHeaders> {
  const timestamp = String(input.timestamp ?? Date.now());
  const nonce = input.nonce ?? crypto.randomUUID();
  const text = v7StringToSign({
    method: input.method,
    path: input.path,
    appId: input.appId,
    timestamp,
    nonce,
    bodyHash: await v7BodyHash(input.body),
  });
  const sig = await crypto.subtle.sign('HMAC', await hmacKey(input.secret), encoder.encode(text));
  return {
    [V7_HEADERS.appId]: input.appId,
    [V7_HEADERS.timestamp]: timestamp,
    [V7_HEADERS.nonce]: nonce,
    [V7_HEADERS.signature]: toBase64(sig),
  } as V7SignedHeaders;
}

export interface V7VerifyInput {
  secret: string;
  method: string;
  path: string;
  body: string | Uint8Array;
  appId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** True when the signature matches (constant-time comparison inside Web Crypto's verify). */
export async function verifyV7Signature(input: V7VerifyInput): Promise<boolean> {
  const sig = fromBase64(input.signature);
  if (!sig || sig.length !== 32) return false;
  const text = v7StringToSign({ ...input, bodyHash: await v7BodyHash(input.body) });
  return crypto.subtle.verify('HMAC', await hmacKey(input.secret), sig, encoder.encode(text));
}

/** Whether a timestamp header is a number within `skewMs` of `nowMs`. */
export function isV7TimestampFresh(timestamp: string, nowMs: number, skewMs = V7_DEFAULT_CLOCK_SKEW_MS): boolean {
  if (!/^\d{10,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs) <= skewMs;
}

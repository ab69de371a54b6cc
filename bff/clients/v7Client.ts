import type { z } from 'zod';
import {
  V7_HEADERS,
  signV7Request,
  v7FileAckSchema,
  v7JudicialSchema,
  v7PreCreditAckSchema,
  v7PreCreditStatusSchema,
  v7RiskWarningSchema,
  type V7FileAck,
  type V7FilePush,
  type V7Judicial,
  type V7PreCreditAck,
  type V7PreCreditPush,
  type V7PreCreditStatus,
  type V7RiskWarning,
} from '@sunshine/shared';

/**
 * The provincial V7 system (阳光信贷平台), as the BFF calls it: signed requests
 * (shared/src/v7Signature.ts), an Idempotency-Key on every write, a timeout on every call.
 * It never throws for V7's behaviour; each call answers a typed result:
 *
 * - `unavailable`: V7 could not give an answer (timeout, connection refused or reset, 5xx,
 *   429, the same request still being processed, an answer that is not V7's). Retrying the
 *   same call — with the same idempotency key — is safe and right.
 * - `rejected`: V7 answered and refused (invalid data, file not synced yet, signature or
 *   configuration problems, the key reused with another payload). Retrying the same request
 *   gives the same answer until something changes.
 *
 * Endpoints and semantics: mock-v7/README.md.
 */
export type V7Unavailable = {
  ok: false;
  kind: 'unavailable';
  reason: 'timeout' | 'network' | 'server_error' | 'rate_limited' | 'in_progress' | 'bad_response';
  status: number | null;
  message: string;
};
export type V7Rejected = { ok: false; kind: 'rejected'; status: number; errorId: string; message: string; field?: string };
export type V7Failure = V7Unavailable | V7Rejected;
export type V7Result<T> = { ok: true; value: T } | V7Failure;

export interface V7CallOptions {
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

export interface V7WriteOptions extends V7CallOptions {
  /** Defaults to a key derived from the business id, stable across retries and restarts. */
  idempotencyKey?: string;
}

export interface V7Client {
  /** 省联社风险预警 for one person. */
  riskWarning(idNumber: string, opts?: V7CallOptions): Promise<V7Result<V7RiskWarning>>;
  /** 司法查控 for one person. */
  judicial(idNumber: string, opts?: V7CallOptions): Promise<V7Result<V7Judicial>>;
  /** Both checks, in parallel. */
  checks(idNumber: string, opts?: V7CallOptions): Promise<{ provincialWarning: V7Result<V7RiskWarning>; judicial: V7Result<V7Judicial> }>;
  /** Pushes one version of a household file (key `file:<fileId>:<version>`). */
  pushFile(file: V7FilePush, opts?: V7WriteOptions): Promise<V7Result<V7FileAck>>;
  /** Pushes a finally approved pre-credit application (key `precredit:<applicationId>`). */
  pushPreCredit(application: V7PreCreditPush, opts?: V7WriteOptions): Promise<V7Result<V7PreCreditAck>>;
  /** The latest file version V7 holds, or null when it holds none. */
  fileStatus(fileId: string, opts?: V7CallOptions): Promise<V7Result<V7FileAck | null>>;
  /** V7's state of an application (applied / signed / drawn), or null when it never got it. */
  preCreditStatus(applicationId: string, opts?: V7CallOptions): Promise<V7Result<V7PreCreditStatus | null>>;
}

export interface V7ClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}

interface Call<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  schema: S;
  notFoundIsNull?: boolean;
  timeoutMs?: number;
}

const unavailable = (reason: V7Unavailable['reason'], status: number | null, message: string): V7Unavailable => ({
  ok: false,
  kind: 'unavailable',
  reason,
  status,
  message,
});

/** DOMException (timeouts) is not an Error in every realm, so read the name directly. */
function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string'
    ? (err as { name: string }).name
    : '';
}

function errorOf(body: unknown): { id?: string; message?: string; field?: string } {
  const err = (body as { error?: unknown } | null)?.error;
  return typeof err === 'object' && err !== null ? (err as { id?: string; message?: string; field?: string }) : {};
}

export function createV7Client(opts: V7ClientOptions): V7Client {
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(c: Call<S>): Promise<V7Result<z.output<S> | null>> {
    const text = c.body === undefined ? '' : JSON.stringify(c.body);
    let res: Response;
    try {
      const signed = await signV7Request({ secret: opts.appSecret, appId: opts.appId, method: c.method, path: c.path, body: text });
      res = await fetch(base + c.path, {
        method: c.method,
        headers: {
          ...signed,
          accept: 'application/json',
          ...(text ? { 'content-type': 'application/json' } : {}),
          ...(c.idempotencyKey ? { [V7_HEADERS.idempotencyKey]: c.idempotencyKey } : {}),
        },
        body: text || undefined,
        signal: AbortSignal.timeout(c.timeoutMs ?? opts.timeoutMs ?? 3000),
      });
    } catch (err) {
      const name = errorName(err);
      if (name === 'TimeoutError' || name === 'AbortError') return unavailable('timeout', null, 'V7 did not answer in time');
      return unavailable('network', null, `V7 unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }

    let raw: string;
    try {
      raw = await res.text();
    } catch (err) {
      const name = errorName(err);
      if (name === 'TimeoutError' || name === 'AbortError') return unavailable('timeout', res.status, 'V7 answer cut off by the timeout');
      return unavailable('network', res.status, 'V7 connection lost while answering');
    }
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      if (res.status >= 500) return unavailable('server_error', res.status, `V7 HTTP ${res.status}`);
      return unavailable('bad_response', res.status, 'V7 answered something that is not JSON');
    }

    if (res.ok) {
      const parsed = c.schema.safeParse(body);
      if (!parsed.success) return unavailable('bad_response', res.status, 'V7 answer does not match its interface');
      return { ok: true, value: parsed.data };
    }
    const e = errorOf(body);
    if (res.status >= 500) return unavailable('server_error', res.status, e.message ?? `V7 HTTP ${res.status}`);
    if (res.status === 429) return unavailable('rate_limited', res.status, e.message ?? 'V7 rate limit');
    if (res.status === 409 && e.id === 'v7.request_in_progress') return unavailable('in_progress', res.status, e.message ?? 'in progress');
    if (res.status === 404 && c.notFoundIsNull && e.id === 'v7.not_found') return { ok: true, value: null };
    return {
      ok: false,
      kind: 'rejected',
      status: res.status,
      errorId: e.id ?? `http_${res.status}`,
      message: e.message ?? `V7 HTTP ${res.status}`,
      ...(e.field ? { field: e.field } : {}),
    };
  }

  // Only status queries can answer null; every other call's value is non-null by its schema.
  const nonNull = <T>(r: V7Result<T | null>) => r as V7Result<T>;

  const client: V7Client = {
    async riskWarning(idNumber, o) {
      return nonNull(
        await call({ method: 'POST', path: '/v7/api/checks/risk-warning', body: { idNumber }, schema: v7RiskWarningSchema, ...o }),
      );
    },
    async judicial(idNumber, o) {
      return nonNull(await call({ method: 'POST', path: '/v7/api/checks/judicial', body: { idNumber }, schema: v7JudicialSchema, ...o }));
    },
    async checks(idNumber, o) {
      const [provincialWarning, judicial] = await Promise.all([client.riskWarning(idNumber, o), client.judicial(idNumber, o)]);
      return { provincialWarning, judicial };
    },
    async pushFile(file, o) {
      return nonNull(
        await call({
          method: 'POST',
          path: '/v7/api/files',
          body: file,
          schema: v7FileAckSchema,
          timeoutMs: o?.timeoutMs,
          idempotencyKey: o?.idempotencyKey ?? `file:${file.fileId}:${file.version}`,
        }),
      );
    },
    async pushPreCredit(application, o) {
      return nonNull(
        await call({
          method: 'POST',
          path: '/v7/api/precredits',
          body: application,
          schema: v7PreCreditAckSchema,
          timeoutMs: o?.timeoutMs,
          idempotencyKey: o?.idempotencyKey ?? `precredit:${application.applicationId}`,
        }),
      );
    },
    fileStatus(fileId, o) {
      return call({
        method: 'GET',
        path: `/v7/api/files/${encodeURIComponent(fileId)}`,
        schema: v7FileAckSchema,
        notFoundIsNull: true,
        ...o,
      });
    },
    preCreditStatus(applicationId, o) {
      return call({
        method: 'GET',
        path: `/v7/api/precredits/${encodeURIComponent(applicationId)}`,
        schema: v7PreCreditStatusSchema,
        notFoundIsNull: true,
        ...o,
      });
    },
  };
  return client;
}

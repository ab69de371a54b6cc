import Taro from '@tarojs/taro';
import type { ErrorBody, TokenPair } from '@sunshine/shared';
import { API_PREFIX, ROUTES, apiBase } from '../config';
import { clearSession, getSession, saveTokenPair, type Session } from '../stores/session';
import { CLIENT_ERROR_IDS, userMessageFor } from './errorMessages';

/**
 * The only module that calls `Taro.request`. It adds the bearer token, recovers from an expired
 * access token with one shared refresh, and turns every failure into an `ApiError` whose
 * `userMessage` a page can show as is.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** Path under `/api/v1`, e.g. `/me`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  data?: unknown;
  /**
   * `false` for the sign-in routes: they carry no token, and their 401 means "wrong password",
   * not "token expired", so it must never trigger a refresh.
   */
  auth?: boolean;
}

/** A failed API call, as the BFF described it (`{"error":{"id","message","field"?}}`). */
export class ApiError extends Error {
  readonly status: number;
  /** Stable error id (see ERROR_IDS in @sunshine/shared, plus CLIENT_ERROR_IDS). */
  readonly id: string;
  readonly field?: string;
  /** Chinese text for the user. */
  readonly userMessage: string;
  /** Extra members of the error body, e.g. `currentVersion` of a 409 version conflict. */
  readonly details: Record<string, unknown>;

  constructor(status: number, id: string, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.id = id;
    this.field = field;
    this.details = details;
    this.userMessage = userMessageFor(status, id, message, field);
  }

  /**
   * Worth sending again later: no answer at all, a server or gateway failure, a rate limit, or
   * a lost session (the user logs in again, the queued item must survive that). Everything else
   * (400/403/404/409/422) is an answer about the content and repeats itself on every resend.
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 401;
  }
}

/** The text to show for any error a page catches, API or not. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.userMessage;
  return '操作失败,请稍后再试';
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

const TIMEOUT_MS = 15_000;

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return `${apiBase()}${API_PREFIX}${path}${params.length ? `?${params.join('&')}` : ''}`;
}

async function send(opts: RequestOptions, accessToken?: string): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (opts.data !== undefined) header['Content-Type'] = 'application/json';
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  try {
    const res = await Taro.request({
      url: buildUrl(opts.path, opts.query),
      method: opts.method ?? 'GET',
      data: opts.data as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch {
    // Taro rejects only when no HTTP answer arrived (offline, DNS, timeout, domain not allowed).
    throw new ApiError(0, CLIENT_ERROR_IDS.network, 'network request failed');
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (!body || typeof body !== 'object') return false;
  const e = (body as { error?: unknown }).error;
  return !!e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string';
}

function toApiError(res: RawResponse): ApiError {
  if (isErrorBody(res.data)) {
    const { id, message, field, fields, ...details } = res.data.error;
    return new ApiError(res.statusCode, id, message ?? '', field ?? fields?.[0], details);
  }
  return new ApiError(res.statusCode, CLIENT_ERROR_IDS.badResponse, `HTTP ${res.statusCode}`);
}

function unwrap<T>(res: RawResponse): T {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  throw toApiError(res);
}

function sessionExpired(): ApiError {
  return new ApiError(401, CLIENT_ERROR_IDS.sessionExpired, 'session expired');
}

let redirecting = false;

/** Back to the login page, once, however many requests failed together. */
function redirectToLogin(): void {
  if (redirecting) return;
  const pages = Taro.getCurrentPages?.() ?? [];
  const route = pages[pages.length - 1]?.route?.replace(/^\//, '').split('?')[0];
  if (route && `/${route}` === ROUTES.login) return;
  redirecting = true;
  Promise.resolve(Taro.reLaunch({ url: ROUTES.login }))
    .catch(() => undefined)
    .finally(() => {
      redirecting = false;
    });
}

function endSession(): void {
  clearSession();
  redirectToLogin();
}

let refreshing: Promise<Session> | null = null;

/**
 * Staff and customers hold different sessions and rotate them at different endpoints: the
 * staff one refuses a customer's refresh token (and the other way round), which would end a
 * customer's session at the first expired access token.
 */
function refreshPath(session: Session): string {
  return session.user.role === 'customer' ? '/public/customer/refresh' : '/auth/refresh';
}

/**
 * One refresh for any number of concurrent 401s: refresh tokens rotate (the old one stops
 * working), so a second parallel refresh would fail and log the user out.
 */
function refreshSession(): Promise<Session> {
  refreshing ??= (async () => {
    const current = getSession();
    if (!current) throw sessionExpired();
    const res = await send({
      method: 'POST',
      path: refreshPath(current),
      data: { refreshToken: current.refreshToken },
      auth: false,
    });
    return saveTokenPair(unwrap<TokenPair>(res));
  })()
    .catch((err: unknown) => {
      // Offline is not "logged out": keep the session so the next try can still refresh.
      if (err instanceof ApiError && err.id === CLIENT_ERROR_IDS.network) throw err;
      endSession();
      throw sessionExpired();
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** A fresh session to retry with after a 401, or an ApiError when the user must log in again. */
async function recoverFromUnauthorized(usedToken: string | undefined): Promise<Session> {
  const current = getSession();
  if (!current || !usedToken) {
    endSession();
    throw sessionExpired();
  }
  // Another request refreshed while ours was in flight: just retry with the new token.
  if (current.accessToken !== usedToken) return current;
  return refreshSession();
}

/**
 * Runs one exchange with the session's access token, recovering from an expired token with the
 * shared refresh: the one place that knows the auth rules, for JSON requests and uploads alike.
 */
async function withAuth(exchange: (accessToken?: string) => Promise<RawResponse>): Promise<RawResponse> {
  const usedToken = getSession()?.accessToken;
  const first = await exchange(usedToken);
  if (first.statusCode !== 401) return first;

  const fresh = await recoverFromUnauthorized(usedToken);
  const retried = await exchange(fresh.accessToken);
  if (retried.statusCode === 401) {
    // A brand-new token refused: the session was revoked server-side.
    endSession();
    throw sessionExpired();
  }
  return retried;
}

/** Call the BFF; resolves with the parsed body of a 2xx answer, rejects with ApiError. */
export async function request<T>(opts: RequestOptions): Promise<T> {
  if (opts.auth === false) return unwrap<T>(await send(opts));
  return unwrap<T>(await withAuth((token) => send(opts, token)));
}

export interface UploadOptions {
  /** Path under `/api/v1`, e.g. `/photos`. */
  path: string;
  /** A local file: a weapp temp/saved path, or an H5 `blob:` URL. */
  filePath: string;
  /** The multipart field of the file. */
  name: string;
  /** The other multipart fields. */
  formData?: Record<string, string>;
  /** H5 only: the file name the multipart part carries. */
  fileName?: string;
}

const UPLOAD_TIMEOUT_MS = 60_000;

async function sendUpload(opts: UploadOptions, accessToken?: string): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  try {
    const res = await Taro.uploadFile({
      url: buildUrl(opts.path),
      filePath: opts.filePath,
      name: opts.name,
      formData: opts.formData,
      header,
      timeout: UPLOAD_TIMEOUT_MS,
      ...(opts.fileName ? { fileName: opts.fileName } : {}),
    });
    // uploadFile hands the body over as text, whatever its content type.
    let data: unknown = res.data;
    if (typeof data === 'string' && data) {
      try {
        data = JSON.parse(data);
      } catch {
        // Not JSON (a gateway page): toApiError reports it as a bad response.
      }
    }
    return { statusCode: res.statusCode, data };
  } catch {
    throw new ApiError(0, CLIENT_ERROR_IDS.network, 'upload failed');
  }
}

/** A multipart upload (`Taro.uploadFile`) with the same auth, refresh and errors as `request`. */
export async function upload<T>(opts: UploadOptions): Promise<T> {
  return unwrap<T>(await withAuth((token) => sendUpload(opts, token)));
}

export interface DownloadOptions {
  /** Path under `/api/v1`, e.g. `/reports/funnel.xlsx`. */
  path: string;
  query?: RequestOptions['query'];
}

const DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * A file download (`Taro.downloadFile`) with the same auth and refresh as `request`. Resolves
 * with the local file: a weapp temp path, or an H5 `blob:` URL. A failed download's body is a
 * file too, so its error is told by the status alone.
 */
export async function download(opts: DownloadOptions): Promise<{ tempFilePath: string }> {
  let tempFilePath = '';
  const res = await withAuth(async (accessToken) => {
    const header: Record<string, string> = {};
    if (accessToken) header.Authorization = `Bearer ${accessToken}`;
    try {
      const r = await Taro.downloadFile({ url: buildUrl(opts.path, opts.query), header, timeout: DOWNLOAD_TIMEOUT_MS });
      tempFilePath = r.tempFilePath;
      return { statusCode: r.statusCode, data: null };
    } catch {
      throw new ApiError(0, CLIENT_ERROR_IDS.network, 'download failed');
    }
  });
  if (res.statusCode < 200 || res.statusCode >= 300) throw toApiError(res);
  return { tempFilePath };
}

/**
 * Stable error ids of the HTTP API. Clients (the mini program, the bank's acceptance tests)
 * branch on these ids, never on the human message, so an id is never renamed once shipped.
 */
export const ERROR_IDS = {
  validation: 'request.invalid',
  bodyTooLarge: 'request.too_large',
  unauthenticated: 'auth.unauthenticated',
  invalidCredentials: 'auth.invalid_credentials',
  tokenExpired: 'auth.token_expired',
  invalidToken: 'auth.invalid_token',
  refreshInvalid: 'auth.refresh_invalid',
  locked: 'auth.locked',
  wechatBindInvalid: 'auth.wechat_bind_invalid',
  wechatUnavailable: 'auth.wechat_unavailable',
  wechatCodeInvalid: 'auth.wechat_code_invalid',
  forbidden: 'auth.forbidden',
  notFound: 'resource.not_found',
  conflict: 'resource.conflict',
  idempotencyMismatch: 'request.idempotency_mismatch',
  rateLimited: 'request.rate_limited',
  internal: 'server.internal',
  // <anchor:errors-evidence>
  // <anchor:errors-customer>
  // <anchor:errors-portrait>
  // <anchor:errors-credit>
  // <anchor:errors-flow>
} as const;

export type ErrorId = (typeof ERROR_IDS)[keyof typeof ERROR_IDS];

/** The body of every error response. */
export interface ErrorBody {
  error: { id: ErrorId | string; message: string; field?: string; fields?: string[]; [extra: string]: unknown };
}

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
  visitConfirmExpired: 'visit_confirmation.expired',
  visitConfirmUsed: 'visit_confirmation.used',
  visitAlreadyConfirmed: 'visit_confirmation.already_confirmed',
  shareCardExpired: 'share_card.expired',
  shareCardBound: 'share_card.bound_to_other',
  smsCodeInvalid: 'sms.code_invalid',
  smsCodeTooManyAttempts: 'sms.too_many_attempts',
  smsUnavailable: 'sms.unavailable',
  slotTaken: 'appointment.slot_taken',
  slotUnavailable: 'appointment.slot_unavailable',
  appointmentStale: 'appointment.stale',
  v7WebhookUnauthenticated: 'v7_webhook.bad_signature',
  creditEvaluationNotEligible: 'credit.evaluation_not_eligible',
  creditEvaluationStale: 'credit.evaluation_stale',
  creditApplicationPending: 'credit.application_pending',
  creditAlreadyDecided: 'credit.already_decided',
  creditApprovalOutOfOrder: 'credit.approval_out_of_order',
  creditSelfApproval: 'credit.self_approval',
  creditReviewNotAllowed: 'credit.review_not_allowed',
  creditFactsInvalid: 'credit.facts_invalid',
} as const;

export type ErrorId = (typeof ERROR_IDS)[keyof typeof ERROR_IDS];

/** The body of every error response. */
export interface ErrorBody {
  error: { id: ErrorId | string; message: string; field?: string; fields?: string[]; [extra: string]: unknown };
}

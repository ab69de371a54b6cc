import { ERROR_IDS } from '@sunshine/shared';

/**
 * What a user reads for each stable error id. The BFF's `message` is for developers and logs;
 * pages show these Chinese texts instead, so wording stays consistent across platforms.
 */
const MESSAGES: Record<string, string> = {
  [ERROR_IDS.invalidCredentials]: '用户名或密码错误',
  [ERROR_IDS.locked]: '账号已锁定,请15分钟后再试',
  [ERROR_IDS.unauthenticated]: '登录已过期,请重新登录',
  [ERROR_IDS.tokenExpired]: '登录已过期,请重新登录',
  [ERROR_IDS.invalidToken]: '登录已过期,请重新登录',
  [ERROR_IDS.refreshInvalid]: '登录已过期,请重新登录',
  [ERROR_IDS.wechatBindInvalid]: '绑定已失效,请重新进行微信登录',
  [ERROR_IDS.wechatUnavailable]: '微信登录暂不可用,请稍后再试',
  [ERROR_IDS.forbidden]: '没有权限执行此操作',
  [ERROR_IDS.notFound]: '数据不存在或不在您的权限范围内',
  [ERROR_IDS.conflict]: '数据已被他人修改,请刷新后重试',
  [ERROR_IDS.idempotencyMismatch]: '重复提交的内容不一致,请刷新后重试',
  [ERROR_IDS.rateLimited]: '操作过于频繁,请稍后再试',
  [ERROR_IDS.bodyTooLarge]: '提交的内容过大',
  [ERROR_IDS.internal]: '服务暂时不可用,请稍后再试',
};

/** Client-side ids for failures that never reached the BFF or had no error body. */
export const CLIENT_ERROR_IDS = {
  network: 'client.network',
  badResponse: 'client.bad_response',
  sessionExpired: 'client.session_expired',
} as const;

MESSAGES[CLIENT_ERROR_IDS.network] = '网络连接失败,请检查网络后重试';
MESSAGES[CLIENT_ERROR_IDS.badResponse] = '服务返回异常,请稍后再试';
MESSAGES[CLIENT_ERROR_IDS.sessionExpired] = '登录已过期,请重新登录';

/** Chinese names of input fields, for "which field is wrong" messages. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  code: '微信登录凭证',
  bindToken: '绑定凭证',
  refreshToken: '刷新令牌',
  page: '页码',
  pageSize: '每页条数',
};

const HAS_CJK = /[\u4e00-\u9fff]/;

/**
 * The text to show for an API failure. Validation errors name the field at fault; a server
 * message is reused only when it is already Chinese (the shared zod schemas carry Chinese
 * messages), never an English developer message.
 */
export function userMessageFor(status: number, id: string, message: string, field?: string): string {
  if (id === ERROR_IDS.validation || (status === 400 && !MESSAGES[id])) {
    const label = field ? (FIELD_LABELS[field] ?? field) : undefined;
    const detail = HAS_CJK.test(message) ? message : '格式不正确';
    if (!label) return `输入有误:${detail}`;
    return detail.includes(label) ? detail : `${label}:${detail}`;
  }
  // A gateway or crash page instead of our JSON: the service is down, not the response odd.
  if (id === CLIENT_ERROR_IDS.badResponse && status >= 500) return '服务暂时不可用,请稍后再试';
  const known = MESSAGES[id];
  if (known) return known;
  if (HAS_CJK.test(message)) return message;
  return status >= 500 ? '服务暂时不可用,请稍后再试' : `请求失败(${status})`;
}

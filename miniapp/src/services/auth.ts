import type { LoginRequest, TokenPair } from '@sunshine/shared';
import { clearSession, getSession, saveTokenPair, type Session } from '../stores/session';
import { request } from './request';

/** What `POST /auth/wechat/login` answers for an openid not yet bound to a bank account. */
export interface BindRequired {
  bindRequired: true;
  bindToken: string;
}

export type WechatLoginResult = { kind: 'session'; session: Session } | { kind: 'bind'; bindToken: string };

function isBindRequired(body: unknown): body is BindRequired {
  return !!body && typeof body === 'object' && (body as BindRequired).bindRequired === true;
}

/** H5: username + password. */
export async function passwordLogin(input: LoginRequest): Promise<Session> {
  const pair = await request<TokenPair>({ method: 'POST', path: '/auth/login', data: input, auth: false });
  return saveTokenPair(pair);
}

/** Weapp: exchange a `wx.login` code. Unknown openids must first bind to a bank account. */
export async function wechatLogin(code: string): Promise<WechatLoginResult> {
  const body = await request<TokenPair | BindRequired>({
    method: 'POST',
    path: '/auth/wechat/login',
    data: { code },
    auth: false,
  });
  if (isBindRequired(body)) return { kind: 'bind', bindToken: body.bindToken };
  return { kind: 'session', session: saveTokenPair(body) };
}

/** Weapp: link this WeChat user to a bank account, proven by its password. */
export async function wechatBind(bindToken: string, input: LoginRequest): Promise<Session> {
  const pair = await request<TokenPair>({
    method: 'POST',
    path: '/auth/wechat/bind',
    data: { bindToken, ...input },
    auth: false,
  });
  return saveTokenPair(pair);
}

/**
 * Revoke the session on the server, then forget it locally. The local clear happens even if
 * the server can't be reached: a user who taps 退出登录 must end up logged out.
 */
export async function logout(): Promise<void> {
  const session = getSession();
  try {
    if (session) {
      await request<unknown>({ method: 'POST', path: '/auth/logout', data: { refreshToken: session.refreshToken } });
    }
  } catch {
    // Already expired or offline: the server forgets it by itself.
  } finally {
    clearSession();
  }
}

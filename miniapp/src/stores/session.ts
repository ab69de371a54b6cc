import Taro from '@tarojs/taro';
import type { SessionUser, TokenPair } from '@sunshine/shared';

/**
 * The signed-in session, persisted with Taro storage (wx storage in the weapp, localStorage in
 * H5) so a restart doesn't force a new login. Only tokens and the public user card are kept:
 * never the password.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires; informational, the server's 401 is what counts. */
  expiresAt: number;
  user: SessionUser;
}

const STORAGE_KEY = 'sunshine.session.v1';

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const s = value as Partial<Session>;
  return typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' && !!s.user;
}

export function getSession(): Session | null {
  try {
    const raw: unknown = Taro.getStorageSync(STORAGE_KEY);
    return isSession(raw) ? raw : null;
  } catch {
    // Corrupt or unreadable storage is the same as no session: the user logs in again.
    return null;
  }
}

export function saveTokenPair(pair: TokenPair): Session {
  const session: Session = {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: Date.now() + pair.expiresIn * 1000,
    user: pair.user,
  };
  Taro.setStorageSync(STORAGE_KEY, session);
  return session;
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

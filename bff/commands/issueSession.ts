import type { TokenPair } from '@sunshine/shared';
import type { Services } from '../src/context';
import type { UserDoc } from '../models/User';
import { presentSessionUser } from '../presenters/presentUser';

/** Starts a session for a verified user and returns the token pair of the contract. */
export async function issueSession(services: Pick<Services, 'sessions' | 'tokens'>, user: UserDoc): Promise<TokenPair> {
  const { sessionId, refreshToken } = await services.sessions.create(String(user._id));
  return tokenPairFor(services, user, sessionId, refreshToken);
}

export function tokenPairFor(services: Pick<Services, 'tokens'>, user: UserDoc, sessionId: string, refreshToken: string): TokenPair {
  const sessionUser = presentSessionUser(user);
  const accessToken = services.tokens.signAccess({
    sub: sessionUser.id,
    sid: sessionId,
    username: sessionUser.username,
    role: sessionUser.role,
    branchId: sessionUser.branchId,
    name: sessionUser.name,
  });
  return { accessToken, refreshToken, expiresIn: services.tokens.accessTtlSec, user: sessionUser };
}

import type { SessionUser } from '@sunshine/shared';
import type { UserDoc } from '../models/User';

/** The fields of a staff account a client may see. */
export function presentSessionUser(user: UserDoc): SessionUser {
  return {
    id: String(user._id),
    username: user.username,
    role: user.role as SessionUser['role'],
    branchId: user.branchId ?? null,
    name: user.name,
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { CUSTOMER_CARD_PATH, type CreateShareCard, type ShareCard } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import { NotFoundError } from '../src/errors';

/** The stored id of a share code: its SHA-256, so the database never holds a usable link. */
export function shareCardId(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}

/**
 * A manager's share card: 32 random bytes as the code, valid for `shareCardTtlSec`,
 * optionally for one of the manager's own households (checked through the data scope).
 */
export async function createShareCard(
  services: Pick<Services, 'models' | 'config'>,
  user: AuthUser,
  scope: DataScope,
  input: CreateShareCard,
  now = new Date(),
): Promise<ShareCard> {
  let householdId: Types.ObjectId | null = null;
  if (input.householdId) {
    const household = await scope.households.findById(input.householdId).lean<{ _id: Types.ObjectId }>();
    if (!household) throw new NotFoundError('未找到该户');
    householdId = household._id;
  }
  const code = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + services.config.customer.shareCardTtlSec * 1000);
  await services.models.ShareCard.create({
    _id: shareCardId(code),
    managerId: new Types.ObjectId(user.id),
    branchId: user.branchId,
    householdId,
    expiresAt,
  });
  return {
    code,
    path: `${CUSTOMER_CARD_PATH}?c=${code}`,
    expiresAt: expiresAt.toISOString(),
    householdId: householdId ? String(householdId) : null,
  };
}

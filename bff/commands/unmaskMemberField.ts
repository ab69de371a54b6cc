import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { HouseholdDoc } from '../models/Household';
import { ForbiddenError, NotFoundError } from '../src/errors';
import { recordAudit } from './recordAudit';

/**
 * Reveals one member's ID number or phone in full to the household's responsible manager,
 * and writes who saw what, when and why to the audit log (JR/T 0171: unmasking is a
 * separate, audited action). The value itself is never logged.
 */
export async function unmaskMemberField(
  services: Pick<Services, 'models' | 'crypto'>,
  user: AuthUser,
  scope: DataScope,
  params: { id: string; memberId: string },
  body: { field: 'idNumber' | 'phone'; reason: string },
  meta: { ip: string | null; requestId: string | null },
): Promise<{ field: 'idNumber' | 'phone'; value: string | null }> {
  const household = await scope.households.findById(params.id).lean<HouseholdDoc>();
  const member = household?.members.find((m) => String((m as { _id?: unknown })._id) === params.memberId);
  if (!household || !member) throw new NotFoundError('未找到该成员');
  const audit = { ...meta, event: 'pii.unmask', userId: user.id, username: user.username };
  const details = { householdId: params.id, memberId: params.memberId, field: body.field, reason: body.reason };
  if (String(household.managerId) !== user.id) {
    await recordAudit(services.models, { ...audit, outcome: 'failure', details });
    throw new ForbiddenError('只有责任客户经理可以查看完整信息');
  }
  const cipher = body.field === 'idNumber' ? member.idCipher : member.phoneCipher;
  await recordAudit(services.models, { ...audit, outcome: 'success', details });
  return { field: body.field, value: cipher ? services.crypto.decrypt(cipher) : null };
}

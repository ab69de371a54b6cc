import { NO_CREDIT_STATUS, type CreditStatus } from '@sunshine/shared';
import type { Types } from 'mongoose';
import type { Services } from '../src/context';

/**
 * The household's place in the credit funnel, for the portrait. The credit flow (issue 4)
 * fills this in from its own documents; until then every household is 'none'.
 * Whoever changes a household's credit state must also call `invalidatePortraits`.
 */
export async function readCreditStatus(_services: Pick<Services, 'models'>, _householdId: Types.ObjectId): Promise<CreditStatus> {
  return NO_CREDIT_STATUS;
}

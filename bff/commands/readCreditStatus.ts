import { NO_CREDIT_STATUS, type CreditStatus } from '@sunshine/shared';
import type { Types } from 'mongoose';
import type { Services } from '../src/context';
import type { CreditApplicationDoc } from '../models/CreditApplication';
import type { CreditUsageDoc } from '../models/CreditUsage';

/**
 * The household's place in the credit funnel, for the portrait: its most recent approved
 * application (approved → synced to V7 → signed → used, with V7's signed limit and used amount
 * from CreditUsage), otherwise its latest application (pending / rejected), otherwise whether
 * it was evaluated.
 *
 * On FerretDB 1.24 the lookups by householdId scan their collections; this runs only on a
 * portrait cache miss. Whoever changes a household's credit state must also call
 * `invalidatePortraits` (the V7 sync does, on sync and on every applied webhook event).
 */
export async function readCreditStatus(services: Pick<Services, 'models'>, householdId: Types.ObjectId): Promise<CreditStatus> {
  const { models } = services;
  const apps = await models.CreditApplication.find({ householdId }).sort({ createdAt: -1 }).limit(20).lean<CreditApplicationDoc[]>();
  const approved = apps.find((a) => a.status === 'approved');
  if (approved) {
    const usage = await models.CreditUsage.findById(String(approved._id)).lean<CreditUsageDoc>();
    const signed = usage?.signedLimit != null;
    const used = (usage?.usedAmount ?? 0) > 0;
    const state = used ? 'used' : signed ? 'signed' : approved.sync?.state === 'synced' ? 'synced' : 'approved';
    const updatedAt = usage?.updatedAt ?? approved.sync?.syncedAt ?? approved.decidedAt ?? approved.updatedAt;
    return {
      state,
      limit: approved.limit,
      signedLimit: usage?.signedLimit ?? null,
      usedAmount: signed || used ? (usage?.usedAmount ?? 0) : null,
      updatedAt: updatedAt ? updatedAt.toISOString() : null,
    };
  }
  const latest = apps[0];
  if (latest) {
    const rejected = latest.status === 'rejected';
    return {
      state: rejected ? 'rejected' : 'pending',
      limit: rejected ? null : latest.limit,
      signedLimit: null,
      usedAmount: null,
      updatedAt: (latest.decidedAt ?? latest.updatedAt).toISOString(),
    };
  }
  const evaluation = await models.CreditEvaluation.findOne({ householdId }, { createdAt: 1 })
    .sort({ createdAt: -1 })
    .lean<{ createdAt: Date }>();
  return evaluation ? { ...NO_CREDIT_STATUS, state: 'evaluated', updatedAt: evaluation.createdAt.toISOString() } : NO_CREDIT_STATUS;
}

import { createHash } from 'node:crypto';
import type { V7PreCreditStatus } from '@sunshine/shared';
import { beijingTimestamp } from './checks';
import type { PreCreditDoc, V7Models } from './models';

/** V7's own reference numbers: a prefix, the Beijing date, and a digest of the bank's id. */
export function v7Number(prefix: string, id: string, at: Date): string {
  const day = beijingTimestamp(at.getTime()).slice(0, 10).replace(/-/g, '');
  return `${prefix}${day}${createHash('sha256').update(id).digest('hex').slice(0, 10).toUpperCase()}`;
}

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(JSON.stringify(payload)).digest('hex');
}

/** An application's state as V7 reports it: applied → signed (签约) → drawn (用信). */
export async function preCreditStatus(models: V7Models, pc: PreCreditDoc): Promise<V7PreCreditStatus> {
  const [contract, drawdowns] = await Promise.all([
    models.Contract.findById(pc._id).lean(),
    models.Drawdown.find({ applicationId: pc._id }).lean(),
  ]);
  const usedAmount = drawdowns.reduce((sum, d) => sum + Math.round(d.amount * 100), 0) / 100;
  return {
    applicationId: pc._id,
    v7ApplicationNo: pc.v7ApplicationNo,
    status: drawdowns.length > 0 ? 'drawn' : contract ? 'signed' : 'applied',
    limit: pc.limit,
    receivedAt: beijingTimestamp(pc.receivedAt.getTime()),
    signedLimit: contract?.signedLimit ?? null,
    signedAt: contract ? beijingTimestamp(contract.signedAt.getTime()) : null,
    usedAmount,
  };
}

import type { V7FilePush, V7PreCreditPush } from '@sunshine/shared';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { HouseholdDoc } from '../../models/Household';

/**
 * What V7 receives for one approved application: the household file (一户一档) and the
 * pre-credit with its approval trail and limit. Both are pure functions of stored data, so a
 * retry sends byte-identical requests under the same idempotency key: the file from the
 * household version it is sent with, the pre-credit from the outbox frozen at approval.
 */
export interface OutboxPayload {
  applicationId: string;
  householdId: string;
  modelVersion: string;
  grade: string;
  score: number;
  limit: number;
  approvedAt: string;
  trail: Array<{ level: number; decision: string; userId: string; userName: string; comment: string; at: string }>;
}

const V7_GRADES = ['AAA', 'AA', 'A', 'B'] as const;
type V7Grade = (typeof V7_GRADES)[number];

/** Personal data leaves the bank only here, decrypted for V7, which needs it in clear. */
export type Decrypt = (cipher: string) => string;

export function buildFilePush(household: HouseholdDoc, decrypt: Decrypt): V7FilePush {
  const members = household.members ?? [];
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  if (!head) throw new Error('household has no members');
  const others = members.filter((m) => m !== head);
  const region = /^\d{6,12}$/.test(household.villageCode) ? { regionCode: household.villageCode } : {};
  return {
    fileId: String(household._id),
    version: household.version ?? 1,
    householdNo: household.householdNo,
    branchId: household.branchId,
    ...region,
    head: { name: head.name, idNumber: decrypt(head.idCipher) },
    members: others.slice(0, 30).map((m) => ({ name: m.name, idNumber: decrypt(m.idCipher), relation: m.relation })),
    // A JSON round trip drops mongoose internals and Dates become strings, as V7 stores them.
    facts: JSON.parse(
      JSON.stringify({ address: household.address, finance: household.finance, assets: household.assets, debts: household.debts }),
    ) as Record<string, unknown>,
  };
}

export function buildPreCreditPush(app: CreditApplicationDoc, payload: OutboxPayload, applicantIdNumber: string): V7PreCreditPush {
  const grade = (V7_GRADES as readonly string[]).includes(payload.grade) ? { grade: payload.grade as V7Grade } : {};
  return {
    applicationId: payload.applicationId,
    fileId: payload.householdId,
    applicant: { name: app.memberName, idNumber: applicantIdNumber },
    modelVersion: payload.modelVersion,
    decision: app.decision,
    score: payload.score,
    ...grade,
    limit: payload.limit,
    approvalTrail: [
      { step: 'submitted', actorId: app.submittedBy, actorName: app.submittedByName.slice(0, 50), at: app.createdAt.toISOString() },
      ...payload.trail
        .filter((s) => s.decision === 'approve')
        .map((s) => ({
          step: s.level === 1 ? ('level1' as const) : ('level2' as const),
          actorId: s.userId,
          actorName: s.userName.slice(0, 50),
          comment: s.comment.slice(0, 500),
          at: s.at,
        })),
    ],
    approvedAt: payload.approvedAt,
  };
}

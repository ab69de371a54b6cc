import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { idBirthDate, idGender, maskIdNumber, maskPhone, type HouseholdFile } from '@sunshine/shared';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { HouseholdDoc } from '../models/Household';
import type { Models } from '../models';
import { ERROR_IDS } from '@sunshine/shared';
import { AppError } from '../src/errors';

/**
 * Turns a validated household file into stored fields: members' ID numbers and phones
 * encrypted with a blind index and a mask, birth date and gender read from the ID number,
 * and the totals derived from the parts (never taken from the client).
 */
export function householdFileFields(file: HouseholdFile, crypto: FieldCrypto, existing?: HouseholdDoc) {
  const existingById = new Map((existing?.members ?? []).map((m) => [String((m as { _id?: unknown })._id), m]));
  const members = file.members.map((m) => {
    const previous = m.id ? existingById.get(m.id) : undefined;
    const idIndex = crypto.blindIndex('id', m.idNumber);
    const phone = m.phone ?? null;
    const phoneIndex = phone ? crypto.blindIndex('phone', phone) : null;
    return {
      _id: previous ? (previous as { _id: Types.ObjectId })._id : new Types.ObjectId(),
      relation: m.relation,
      name: m.name,
      // Re-encrypting an unchanged value would churn ciphertexts on every save; keep them.
      idCipher: previous && previous.idIndex === idIndex ? previous.idCipher : crypto.encrypt(m.idNumber),
      idIndex,
      idMasked: maskIdNumber(m.idNumber),
      phoneCipher: phone ? (previous && previous.phoneIndex === phoneIndex ? previous.phoneCipher : crypto.encrypt(phone)) : null,
      phoneIndex,
      phoneMasked: phone ? maskPhone(phone) : null,
      gender: idGender(m.idNumber),
      birthDate: idBirthDate(m.idNumber)!,
      education: m.education,
      maritalStatus: m.maritalStatus,
      occupation: m.occupation,
    };
  });
  const a = file.assets;
  const fen = (v: number) => Math.round(v * 100);
  const sumFen = (values: number[]) => values.reduce((s, v) => s + fen(v), 0);
  const totalAssetsFen =
    sumFen(a.houses.map((h) => h.appraisedValue)) +
    sumFen(a.vehicles.map((v) => v.value)) +
    sumFen(a.machinery.map((v) => v.value)) +
    sumFen(a.livestock.map((v) => v.value)) +
    fen(a.depositsElsewhere) +
    fen(a.otherAssets);
  const totalDebtFen = sumFen(file.debts.map((d) => d.balance));
  const head = file.members.find((m) => m.relation === 'head')!;
  return {
    villageCode: file.villageCode,
    townCode: file.villageCode.slice(0, 9),
    address: file.address,
    headName: head.name,
    members,
    finance: { ...file.finance, perCapitaIncome: Math.round(fen(file.finance.netIncome) / members.length) / 100 },
    assets: { ...a, totalAssets: totalAssetsFen / 100, totalDebt: totalDebtFen / 100, netAssets: (totalAssetsFen - totalDebtFen) / 100 },
    debts: file.debts,
    softInfo: file.softInfo,
  };
}

/** A stable hash of a request payload, to tell a retry from a different request with the same key. */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(stableStringify(payload)).digest('base64url');
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Claims a client-generated id for one submission, or finds the earlier claim. An insert
 * (not an upsert), because a duplicate primary key is the one conflict FerretDB 1.x
 * always detects.
 */
export async function claimSubmission(
  models: Pick<Models, 'ClientSubmission'>,
  claimId: string,
  kind: string,
  hash: string,
  userId: string,
) {
  const { ClientSubmission } = models;
  try {
    const created = await ClientSubmission.create({ _id: claimId, kind, resultId: new Types.ObjectId(), payloadHash: hash, userId });
    return { resultId: created.resultId as Types.ObjectId };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const claim = await ClientSubmission.findById(claimId).lean();
  if (!claim || claim.payloadHash !== hash || claim.userId !== userId) {
    throw new AppError(422, ERROR_IDS.idempotencyMismatch, '该客户端编号已用于另一次提交', { field: 'clientId' });
  }
  return { resultId: claim.resultId as Types.ObjectId };
}

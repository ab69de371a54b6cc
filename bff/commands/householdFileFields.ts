import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import {
  idBirthDate,
  idGender,
  isMaskedName,
  maskIdNumber,
  maskName,
  maskPhone,
  MASKED_ID_NUMBER,
  MASKED_PHONE,
  type HouseholdFile,
} from '@sunshine/shared';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { HouseholdDoc } from '../models/Household';
import type { Models } from '../models';
import { ERROR_IDS } from '@sunshine/shared';
import { AppError, ValidationError } from '../src/errors';

type StoredMember = HouseholdDoc['members'][number];

/**
 * Turns a validated household file into stored fields: members' ID numbers and phones
 * encrypted with a blind index and a mask, birth date and gender read from the ID number,
 * and the totals derived from the parts (never taken from the client).
 *
 * In an edit (`existing`), an existing member's name, ID number or phone sent back as the
 * mask the BFF showed means "unchanged": the stored value is kept, never replaced by the
 * mask. A mask that is not that member's stored one is refused (400 naming the field), so a
 * masked value can never land in the database.
 */
export function householdFileFields(file: HouseholdFile, crypto: FieldCrypto, existing?: HouseholdDoc) {
  const existingById = new Map((existing?.members ?? []).map((m) => [String((m as { _id?: unknown })._id), m]));
  const members = file.members.map((m, i) => {
    const previous = m.id ? existingById.get(m.id) : undefined;
    const refuse = (field: string, what: string) =>
      new ValidationError(`members.${i}.${field}: 请录入完整${what}`, [`members.${i}.${field}`]);

    let name = m.name;
    if (isMaskedName(m.name)) {
      if (!previous || maskName(previous.name) !== m.name) throw refuse('name', '姓名');
      name = previous.name;
    }

    let id: Pick<StoredMember, 'idCipher' | 'idIndex' | 'idMasked' | 'gender' | 'birthDate'>;
    if (MASKED_ID_NUMBER.test(m.idNumber)) {
      if (!previous || previous.idMasked !== m.idNumber) throw refuse('idNumber', '身份证号');
      id = {
        idCipher: previous.idCipher,
        idIndex: previous.idIndex,
        idMasked: previous.idMasked,
        gender: previous.gender,
        birthDate: previous.birthDate,
      };
    } else {
      const idIndex = crypto.blindIndex('id', m.idNumber);
      id = {
        // Re-encrypting an unchanged value would churn ciphertexts on every save; keep them.
        idCipher: previous && previous.idIndex === idIndex ? previous.idCipher : crypto.encrypt(m.idNumber),
        idIndex,
        idMasked: maskIdNumber(m.idNumber),
        gender: idGender(m.idNumber),
        birthDate: idBirthDate(m.idNumber)!,
      };
    }

    const phone = m.phone ?? null;
    let tel: Pick<StoredMember, 'phoneCipher' | 'phoneIndex' | 'phoneMasked'>;
    if (phone && MASKED_PHONE.test(phone)) {
      if (!previous || !previous.phoneCipher || previous.phoneMasked !== phone) throw refuse('phone', '手机号');
      tel = { phoneCipher: previous.phoneCipher, phoneIndex: previous.phoneIndex, phoneMasked: previous.phoneMasked };
    } else {
      const phoneIndex = phone ? crypto.blindIndex('phone', phone) : null;
      tel = {
        phoneCipher: phone ? (previous && previous.phoneIndex === phoneIndex ? previous.phoneCipher : crypto.encrypt(phone)) : null,
        phoneIndex,
        phoneMasked: phone ? maskPhone(phone) : null,
      };
    }

    return {
      _id: previous ? (previous as { _id: Types.ObjectId })._id : new Types.ObjectId(),
      relation: m.relation,
      name,
      ...id,
      ...tel,
      education: m.education,
      maritalStatus: m.maritalStatus,
      occupation: m.occupation,
    };
  });
  // The schema compares the ID numbers it can see; masks stand for stored ones, compared here.
  members.forEach((m, i) => {
    const first = members.findIndex((o) => o.idIndex === m.idIndex);
    if (first !== i) throw new ValidationError(`members.${i}.idNumber: 与第${first + 1}位成员身份证号重复`, [`members.${i}.idNumber`]);
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
  const head = members.find((m) => m.relation === 'head')!;
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

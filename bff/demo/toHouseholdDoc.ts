import { Types } from 'mongoose';
import { maskIdNumber, maskPhone } from '@sunshine/shared';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { DemoHousehold } from './householdFactory';
import { hashBytes8, type SeedPart } from './random';

/**
 * Deterministic ObjectIds: the same seed gives the same `_id`s, so links into the demo data
 * (a bookmarked household, a test fixture) survive a re-seed. The 4-byte time part is the
 * business date, which keeps ids sortable by "when the bank was generated" like real ones.
 */
export function demoObjectId(asOf: string, ...key: SeedPart[]): Types.ObjectId {
  const buf = Buffer.alloc(12);
  buf.writeUInt32BE(Math.floor(Date.parse(`${asOf}T00:00:00Z`) / 1000), 0);
  hashBytes8(...key).copy(buf, 4);
  return new Types.ObjectId(buf);
}

/**
 * The Household document for the database. ID numbers and phones leave here only as
 * ciphertext, blind index and mask (JR/T 0171 C2 data): the clear values stay in memory.
 * Every schema path is filled explicitly because the documents are inserted lean (no
 * mongoose defaults), for speed; the tests validate them against the schema.
 */
export function toHouseholdDoc(
  h: DemoHousehold,
  crypto: FieldCrypto,
  refs: { id: Types.ObjectId; memberIds: readonly Types.ObjectId[]; managerId: Types.ObjectId; now: Date },
): Record<string, unknown> {
  return {
    _id: refs.id,
    householdNo: h.householdNo,
    villageCode: h.villageCode,
    townCode: h.townCode,
    branchId: h.branchId,
    managerId: refs.managerId,
    address: h.address,
    headName: h.headName,
    members: h.members.map((m, i) => ({
      _id: refs.memberIds[i] ?? new Types.ObjectId(),
      relation: m.relation,
      name: m.name,
      idCipher: crypto.encrypt(m.idNumber),
      idIndex: crypto.blindIndex('id', m.idNumber),
      idMasked: maskIdNumber(m.idNumber),
      phoneCipher: m.phone ? crypto.encrypt(m.phone) : null,
      phoneIndex: m.phone ? crypto.blindIndex('phone', m.phone) : null,
      phoneMasked: m.phone ? maskPhone(m.phone) : null,
      gender: m.gender,
      birthDate: m.birthDate,
      education: m.education,
      maritalStatus: m.maritalStatus,
      occupation: m.occupation,
    })),
    finance: { ...h.finance },
    assets: {
      ...h.assets,
      houses: h.assets.houses.map((x) => ({ ...x })),
      vehicles: h.assets.vehicles.map((x) => ({ ...x })),
      machinery: h.assets.machinery.map((x) => ({ ...x })),
      livestock: h.assets.livestock.map((x) => ({ ...x })),
    },
    debts: h.debts.map((d) => ({ ...d })),
    relationship: { ...h.relationship, products: [...h.relationship.products] },
    softInfo: { flags: [...h.softInfo.flags], notes: h.softInfo.notes },
    version: 1,
    createdAt: refs.now,
    updatedAt: refs.now,
  };
}

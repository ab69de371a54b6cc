import { maskIdNumber, maskPhone } from '@sunshine/shared';
import type { Types } from 'mongoose';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import { buildIdNumber } from './factories';

/** A completed ODS import of one business date (the portrait build reads completed dates only). */
export async function buildOdsImport(models: Models, date: string, status: 'completed' | 'failed' = 'completed') {
  return models.OdsImport.create({ _id: date, status, dir: '/test/ods', startedAt: new Date(`${date}T20:00:00Z`) });
}

export interface SnapshotFigures {
  demand?: number;
  time?: number;
  avg1y?: number;
  loanCount?: number;
  loan?: number;
  overdue?: number;
  overdueDays?: number;
  wealth?: number;
  ebank?: boolean;
  mobile?: boolean;
  blacklist?: boolean;
  warningScore?: number | null;
}

/** One person's OdsSnapshot on one date, as the importer writes it (keyed by the blind index). */
export async function buildOdsSnapshot(models: Models, crypto: FieldCrypto, date: string, idNumber: string, f: SnapshotFigures = {}) {
  const idIndex = crypto.blindIndex('id', idNumber);
  const demand = f.demand ?? 0;
  const time = f.time ?? 0;
  return models.OdsSnapshot.create({
    _id: `${date}|${idIndex}`,
    businessDate: date,
    idIndex,
    idMasked: maskIdNumber(idNumber),
    customerNo: `C${idNumber.slice(-8)}`,
    openDate: '2015-03-01',
    deposit: { demand, time, total: Math.round((demand + time) * 100) / 100, avg1y: f.avg1y ?? demand + time },
    loan: {
      count: f.loanCount ?? (f.loan ? 1 : 0),
      balance: f.loan ?? 0,
      overdueAmount: f.overdue ?? 0,
      overdueDays: f.overdueDays ?? 0,
      firstLoanDate: f.loan ? '2020-04-01' : null,
    },
    wealth: { balance: f.wealth ?? 0 },
    ebank: { ebank: f.ebank ?? false, mobile: f.mobile ?? false },
    warningScore: f.warningScore === undefined ? 20 : f.warningScore,
    lists: { blacklist: f.blacklist ?? false, graylist: false, dibao: false, blacklistReason: null, graylistReason: null },
    sources: ['customers', 'deposits'],
  });
}

/** Adds a spouse with an encrypted ID number and phone to a household; returns the ID number. */
export async function addSpouse(
  models: Models,
  crypto: FieldCrypto,
  householdId: Types.ObjectId,
  over: { name?: string; idNumber?: string; phone?: string } = {},
) {
  const idNumber = over.idNumber ?? buildIdNumber('1982-07-02', 624);
  const phone = over.phone ?? '13905231234';
  await models.Household.updateOne(
    { _id: householdId },
    {
      $push: {
        members: {
          relation: 'spouse',
          name: over.name ?? '刘美芳',
          idCipher: crypto.encrypt(idNumber),
          idIndex: crypto.blindIndex('id', idNumber),
          idMasked: maskIdNumber(idNumber),
          phoneCipher: crypto.encrypt(phone),
          phoneIndex: crypto.blindIndex('phone', phone),
          phoneMasked: maskPhone(phone),
          gender: 'female',
          birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
          education: 'junior_high',
          maritalStatus: 'married',
          occupation: '务农',
        },
      },
    },
  );
  return { idNumber, phone };
}

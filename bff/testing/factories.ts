import { Types } from 'mongoose';
import { idCheckChar, maskIdNumber, maskPhone, type Role } from '@sunshine/shared';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import { hashPassword } from '../auth/passwords';

/**
 * Test data factories (outline's server/test/factories.ts): each creates what it needs and
 * takes overrides. Values are fixed, not random, so failures reproduce.
 */
let seq = 0;
const next = () => ++seq;

let passwordHash: Promise<string> | null = null;
export const TEST_PASSWORD = 'Test@2026pw';
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export async function buildBranch(models: Models, overrides: Partial<{ _id: string; name: string; townCode: string }> = {}) {
  const n = next();
  return models.Branch.create({
    _id: overrides._id ?? String(50 + (n % 50)).padStart(2, '0'),
    name: overrides.name ?? `测试支行${n}`,
    townCode: overrides.townCode ?? '321283100',
    address: '泰兴市测试路1号',
    location: { lat: 32.17, lng: 120.05 },
  });
}

export async function buildUser(
  models: Models,
  overrides: Partial<{ username: string; role: Role; branchId: string | null; name: string; active: boolean }> = {},
) {
  const n = next();
  const role = overrides.role ?? 'manager';
  return models.User.create({
    username: overrides.username ?? `user.${n}`,
    passwordHash: await testPasswordHash(),
    role,
    branchId: overrides.branchId === undefined ? (role === 'manager' || role === 'branch_president' ? '01' : null) : overrides.branchId,
    name: overrides.name ?? `测试${n}`,
    active: overrides.active ?? true,
  });
}

/** A valid ID number for a birth date and sequence (gender from the sequence's parity). */
export function buildIdNumber(birthDate = '1980-05-17', sequence = 123): string {
  const first17 = `321283${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export async function buildHousehold(
  models: Models,
  crypto: FieldCrypto,
  overrides: Partial<{
    managerId: Types.ObjectId;
    branchId: string;
    villageCode: string;
    headName: string;
    idNumber: string;
    phone: string;
    householdNo: string;
  }> = {},
) {
  const n = next();
  const idNumber = overrides.idNumber ?? buildIdNumber('1980-05-17', 100 + (n % 800));
  const phone = overrides.phone ?? `1381234${String(n).padStart(4, '0')}`;
  const headName = overrides.headName ?? '张建国';
  return models.Household.create({
    householdNo: overrides.householdNo ?? `T${String(n).padStart(8, '0')}`,
    villageCode: overrides.villageCode ?? '321283100001',
    townCode: (overrides.villageCode ?? '321283100001').slice(0, 9),
    branchId: overrides.branchId ?? '01',
    managerId: overrides.managerId ?? new Types.ObjectId(),
    address: '泰兴市黄桥镇测试村1组8号',
    headName,
    members: [
      {
        relation: 'head',
        name: headName,
        idCipher: crypto.encrypt(idNumber),
        idIndex: crypto.blindIndex('id', idNumber),
        idMasked: maskIdNumber(idNumber),
        phoneCipher: crypto.encrypt(phone),
        phoneIndex: crypto.blindIndex('phone', phone),
        phoneMasked: maskPhone(phone),
        gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
        birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
        education: 'junior_high',
        maritalStatus: 'married',
        occupation: '种植户',
      },
    ],
    finance: { annualIncome: 86000, netIncome: 62000 },
    assets: { totalAssets: 520000, totalDebt: 80000, netAssets: 440000 },
  });
}

/** A village (and its town) with a grid assignment, so files can be made there. */
export async function buildVillage(
  models: Models,
  overrides: Partial<{ code: string; name: string; branchId: string; managerId: Types.ObjectId }> = {},
) {
  const code = overrides.code ?? `3212831000${String(10 + (next() % 89)).padStart(2, '0')}`;
  const townCode = code.slice(0, 9);
  await models.Region.updateOne(
    { _id: townCode },
    { $set: { name: '黄桥镇', level: 'town', parentCode: '321283', townCode } },
    { upsert: true },
  );
  await models.Region.updateOne(
    { _id: code },
    { $set: { name: overrides.name ?? '测试村', level: 'village', parentCode: townCode, townCode, center: { lat: 32.25, lng: 120.23 } } },
    { upsert: true },
  );
  if (overrides.managerId) {
    await models.Grid.updateOne(
      { _id: code },
      { $set: { branchId: overrides.branchId ?? '01', managerId: overrides.managerId } },
      { upsert: true },
    );
  }
  return code;
}

/** A valid household file as the mini program would send it. */
export function buildHouseholdFile(overrides: Record<string, unknown> = {}) {
  return {
    villageCode: '321283100001',
    address: '泰兴市黄桥镇测试村3组12号',
    members: [
      {
        relation: 'head',
        name: '陈建华',
        idNumber: buildIdNumber('1978-03-09', 517),
        phone: '13961234567',
        education: 'senior_high',
        maritalStatus: 'married',
        occupation: '养殖户',
      },
      {
        relation: 'spouse',
        name: '刘美芳',
        idNumber: buildIdNumber('1980-11-21', 522),
        phone: null,
        education: 'junior_high',
        maritalStatus: 'married',
        occupation: '务农',
      },
    ],
    finance: {
      annualIncome: 120000,
      netIncome: 86000.5,
      annualSpending: 40000,
      mainBusiness: '生猪养殖',
      incomeSource: '养殖',
      businessScale: '存栏200头',
      workingCapital: 50000,
    },
    assets: {
      houses: [{ kind: 'main', structure: '砖混', rooms: 6, appraisedValue: 380000 }],
      vehicles: [{ kind: '小型货车', count: 1, value: 60000.25 }],
      machinery: [],
      livestock: [{ kind: '生猪', count: 200, value: 300000 }],
      landArea: 8.5,
      depositsElsewhere: 20000,
      otherAssets: 0,
    },
    debts: [{ lender: '泰兴农商行', kind: 'bank_loan', balance: 100000 }],
    softInfo: { flags: ['good_neighbour'], notes: '' },
    ...overrides,
  };
}

/**
 * A valid household file whose two members' ID numbers derive from `seq` (odd: the head is a
 * man), so one database can hold many without the duplicate-person check refusing them.
 */
export function buildUniqueHouseholdFile(seq: number, overrides: Record<string, unknown> = {}) {
  return buildHouseholdFile({
    members: [
      {
        relation: 'head',
        name: '陈建华',
        idNumber: buildIdNumber('1978-03-09', seq),
        phone: '13961234567',
        education: 'senior_high',
        maritalStatus: 'married',
        occupation: '养殖户',
      },
      {
        relation: 'spouse',
        name: '刘美芳',
        idNumber: buildIdNumber('1980-11-21', seq + 1),
        phone: null,
        education: 'junior_high',
        maritalStatus: 'married',
        occupation: '',
      },
    ],
    ...overrides,
  });
}

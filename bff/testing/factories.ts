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
  overrides: Partial<{ managerId: Types.ObjectId; branchId: string; villageCode: string; headName: string; idNumber: string; phone: string; householdNo: string }> = {},
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

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkIdNumber, idBirthDate, idGender, maskIdNumber, maskPhone } from '@sunshine/shared';
import { verifyPassword } from '../auth/passwords';
import { loadConfig } from '../src/config';
import { createFieldCrypto } from '../security/fieldCrypto';
import { openTestDatabase, type TestDatabase } from '../testing/testDb';
import { importOdsDate } from '../ods/importOdsDate';
import { loadDivisions } from './divisions';
import { DEMO_PASSWORD, seedDemoBank, type SeedDemoBankResult } from './seedDemoBank';

/**
 * The seeder against the real database: what is stored, not only what is generated
 * (householdFactory.test.ts covers the generator's invariants on a larger sample).
 */
const crypto = createFieldCrypto(loadConfig().dataKeys);
const SEED = 20261128;
const DATE = '2026-11-27';
const NOW = new Date('2026-11-28T01:00:00Z');
const HOUSEHOLDS = 300;

let db: TestDatabase;
let odsDir: string;
let result: SeedDemoBankResult;
type RawDoc = Record<string, unknown> & { _id: unknown };
let rawHouseholds: RawDoc[];

interface RawMember {
  idCipher: string;
  idIndex: string;
  idMasked: string;
  phoneCipher: string | null;
  phoneIndex: string | null;
  phoneMasked: string | null;
  birthDate: string;
  gender: string;
}

beforeAll(async () => {
  db = await openTestDatabase('demo');
  odsDir = await mkdtemp(join(tmpdir(), 'demo-ods-'));
  result = await seedDemoBank(db.models, crypto, {
    seed: SEED,
    households: HOUSEHOLDS,
    businessDate: DATE,
    now: NOW,
    ods: { dir: odsDir },
  });
  // Raw driver documents: exactly what is stored, without mongoose's casting or getters.
  rawHouseholds = (await db.conn.db!.collection('households').find({}).toArray()) as RawDoc[];
});

afterAll(async () => {
  await db?.drop();
  if (odsDir) await rm(odsDir, { recursive: true, force: true });
});

describe('seedDemoBank', () => {
  it('stores the organisation and the requested households', async () => {
    const { models } = db;
    expect(result).toMatchObject({ branches: 20, regions: 392, grids: 371, households: HOUSEHOLDS });
    expect(await models.Branch.countDocuments()).toBe(20);
    expect(await models.Region.countDocuments()).toBe(392);
    expect(await models.Grid.countDocuments()).toBe(371);
    expect(await models.User.countDocuments()).toBe(result.users);
    expect(rawHouseholds).toHaveLength(HOUSEHOLDS);
    const branches = await models.Branch.find().sort({ _id: 1 }).lean();
    expect(branches.map((b) => b._id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(branches[3]!.name).toBe('泰兴农商行黄桥支行');
  });

  it.each([
    ['admin', 'admin', null],
    ['hq.credit', 'hq_credit', null],
    ['hq.marketing', 'hq_marketing', null],
    ['bp.01', 'branch_president', '01'],
    ['bp.02', 'branch_president', '02'],
    ['m.01.01', 'manager', '01'],
    ['m.01.02', 'manager', '01'],
    ['m.02.01', 'manager', '02'],
  ])('has the demo account %s (%s, branch %s)', async (username, role, branchId) => {
    const user = await db.models.User.findOne({ username }).lean();
    expect(user).toMatchObject({ role, branchId, active: true });
  });

  it('gives every demo account the password Demo@2026', async () => {
    // One head-office and one branch account (sanitizeFilter rules out $in here; two finds do).
    for (const username of ['admin', 'm.02.01']) {
      const u = (await db.models.User.findOne({ username }).lean())!;
      expect(await verifyPassword(u.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
  });

  it('gives the demo managers villages and households, and their presidents a branch with data', async () => {
    const { models } = db;
    for (const username of ['m.01.01', 'm.01.02', 'm.02.01']) {
      const user = (await models.User.findOne({ username }).lean())!;
      expect(await models.Grid.countDocuments({ managerId: user._id })).toBeGreaterThan(0);
      expect(await models.Household.countDocuments({ managerId: user._id })).toBeGreaterThan(0);
    }
    for (const branchId of ['01', '02']) expect(await models.Household.countDocuments({ branchId })).toBeGreaterThan(0);
  });

  it('assigns every village to exactly one manager of the branch covering it', async () => {
    const { models } = db;
    const grids = await models.Grid.find().lean();
    const villages = loadDivisions()
      .villages.map((v) => v.code)
      .sort();
    expect(grids.map((g) => g._id).sort()).toEqual(villages);
    const users = new Map((await models.User.find().lean()).map((u) => [String(u._id), u]));
    const branches = new Map((await models.Branch.find().lean()).map((b) => [b._id, b]));
    for (const g of grids) {
      const manager = users.get(String(g.managerId));
      expect(manager?.role).toBe('manager');
      expect(manager?.branchId).toBe(g.branchId);
      expect(branches.has(g.branchId)).toBe(true);
    }
  });

  it('puts every household in a real village of 321283, with its town, branch and grid manager', async () => {
    const villages = new Map(loadDivisions().villages.map((v) => [v.code, v]));
    const grids = new Map((await db.models.Grid.find().lean()).map((g) => [g._id, g]));
    for (const h of rawHouseholds) {
      const v = villages.get(h.villageCode as string);
      expect(v).toBeDefined();
      expect(h.townCode).toBe(v!.townCode);
      const grid = grids.get(h.villageCode as string)!;
      expect(h.branchId).toBe(grid.branchId);
      expect(String(h.managerId)).toBe(String(grid.managerId));
    }
  });

  it('stores ID numbers and phones only as ciphertext, blind index and mask, and they are valid', () => {
    for (const h of rawHouseholds) {
      for (const m of h.members as RawMember[]) {
        const id = crypto.decrypt(m.idCipher);
        expect(checkIdNumber(id)).toBeNull();
        expect(idBirthDate(id)).toBe(m.birthDate);
        expect(idGender(id)).toBe(m.gender);
        expect(m.idIndex).toBe(crypto.blindIndex('id', id));
        expect(m.idMasked).toBe(maskIdNumber(id));
        if (m.phoneCipher) {
          const phone = crypto.decrypt(m.phoneCipher);
          expect(phone).toMatch(/^1[3-9]\d{9}$/);
          expect(m.phoneIndex).toBe(crypto.blindIndex('phone', phone));
          expect(m.phoneMasked).toBe(maskPhone(phone));
        } else {
          expect(m.phoneIndex).toBeNull();
          expect(m.phoneMasked).toBeNull();
        }
      }
    }
  });

  it('never stores a clear ID number or phone anywhere in a household document', async () => {
    // Every clear value the bank knows: decrypted from the documents and read from the ODS
    // customers file (which carries them in clear, as the bank's batch files do).
    const clear = new Set<string>();
    for (const h of rawHouseholds) {
      for (const m of h.members as RawMember[]) {
        clear.add(crypto.decrypt(m.idCipher));
        if (m.phoneCipher) clear.add(crypto.decrypt(m.phoneCipher));
      }
    }
    const csv = await readFile(join(odsDir, DATE, 'customers.csv'), 'utf8');
    for (const line of csv.split('\n').slice(1)) {
      const [, id, , phone] = line.split(',');
      if (id) clear.add(id);
      if (phone) clear.add(phone);
    }
    expect(clear.size).toBeGreaterThan(HOUSEHOLDS * 2);
    const leaks: string[] = [];
    for (const h of rawHouseholds) {
      const text = JSON.stringify(h);
      for (const value of clear) if (text.includes(value)) leaks.push(`${String(h._id)}: ${value.slice(0, 4)}…`);
    }
    expect(leaks).toEqual([]);
  });

  it('stores documents that pass the Household schema, with consistent totals', () => {
    for (const h of rawHouseholds) {
      expect(new db.models.Household(h).validateSync()).toBeUndefined();
      const assets = h.assets as { totalAssets: number; totalDebt: number; netAssets: number };
      expect(Math.round(assets.netAssets * 100)).toBe(Math.round(assets.totalAssets * 100) - Math.round(assets.totalDebt * 100));
    }
  });

  it('is deterministic: the same seed gives the same bank (ciphertexts aside)', async () => {
    const other = await openTestDatabase('demo2');
    try {
      await seedDemoBank(other.models, crypto, { seed: SEED, households: HOUSEHOLDS, businessDate: DATE, now: NOW });
      const strip = (docs: RawDoc[]) =>
        docs
          .map((d) => ({
            ...d,
            members: (d.members as Record<string, unknown>[]).map(({ idCipher: _i, phoneCipher: _p, ...rest }) => rest),
          }))
          .sort((a, b) => String(a._id).localeCompare(String(b._id)));
      const again = (await other.conn.db!.collection('households').find({}).toArray()) as RawDoc[];
      expect(strip(again)).toEqual(strip(rawHouseholds));
      const users = async (t: TestDatabase) =>
        (await t.models.User.find().sort({ username: 1 }).lean()).map((u) => [String(u._id), u.username, u.role, u.branchId, u.name]);
      expect(await users(other)).toEqual(await users(db));
    } finally {
      await other.drop();
    }
  });

  it('refuses to run with NODE_ENV=production, or on a database that already has a bank', async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(seedDemoBank(db.models, crypto, { seed: SEED, households: 1 })).rejects.toThrow(/production/);
    } finally {
      process.env.NODE_ENV = saved;
    }
    await expect(seedDemoBank(db.models, crypto, { seed: SEED, households: 1 })).rejects.toThrow(/already has/);
  });

  it('links the ODS snapshots of household members to their households through the ID blind index', async () => {
    const imported = await importOdsDate(db.models, crypto, { dir: odsDir, date: DATE });
    expect(imported.status).toBe('imported');
    expect(imported.rejectedTotal).toBe(0);
    const memberIndexes = new Set(rawHouseholds.flatMap((h) => (h.members as RawMember[]).map((m) => m.idIndex)));
    const snapshots = await db.models.OdsSnapshot.find({ businessDate: DATE }).lean();
    const ofMembers = snapshots.filter((s) => s.customerNo?.startsWith('1'));
    const walkIns = snapshots.filter((s) => s.customerNo?.startsWith('2'));
    expect(ofMembers.length).toBeGreaterThan(HOUSEHOLDS);
    expect(walkIns.length).toBeGreaterThan(0);
    for (const s of ofMembers) expect(memberIndexes.has(s.idIndex)).toBe(true);
    for (const s of walkIns) expect(memberIndexes.has(s.idIndex)).toBe(false);
    // The household file's view of the bank agrees with the ODS on the business date.
    const loansByIndex = new Map(snapshots.map((s) => [s.idIndex, s.loan.balance]));
    for (const h of rawHouseholds) {
      const ours = (h.debts as { lender: string; balance: number }[])
        .filter((d) => d.lender === '泰兴农商行')
        .reduce((a, d) => a + d.balance, 0);
      const odsLoans = (h.members as RawMember[]).reduce((a, m) => a + (loansByIndex.get(m.idIndex) ?? 0), 0);
      expect(Math.round(odsLoans * 100)).toBe(Math.round(ours * 100));
    }
  });
});

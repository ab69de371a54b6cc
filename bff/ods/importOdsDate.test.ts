import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCheckChar } from '@sunshine/shared';
import { loadConfig } from '../src/config';
import { createFieldCrypto } from '../security/fieldCrypto';
import { openTestDatabase, type TestDatabase } from '../testing/testDb';
import { writeDemoOds } from '../demo/seedDemoBank';
import { importOdsDate, OdsImportError } from './importOdsDate';

const crypto = createFieldCrypto(loadConfig().dataKeys);
const DATE = '2026-11-27';
const PREV = '2026-11-26';

let db: TestDatabase;
let root: string; // the demo bank's ODS files, as generated
let work: string; // altered copies, one business date per scenario

beforeAll(async () => {
  db = await openTestDatabase('ods');
  root = await mkdtemp(join(tmpdir(), 'ods-good-'));
  work = await mkdtemp(join(tmpdir(), 'ods-bad-'));
  await writeDemoOds({ seed: 20261128, households: 300, businessDate: DATE, dir: root, dates: [PREV, DATE] });
});

afterAll(async () => {
  await db?.drop();
  for (const dir of [root, work]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** Everything both collections hold, in a stable order. */
async function dump() {
  const snapshots = await db.models.OdsSnapshot.collection.find({}).sort({ _id: 1 }).toArray();
  const imports = await db.models.OdsImport.collection.find({}).sort({ _id: 1 }).toArray();
  return { snapshots, imports };
}

async function lines(dir: string, date: string, file: string): Promise<string[]> {
  return (await readFile(join(dir, date, file), 'utf8')).split('\n').filter((l) => l !== '');
}

/** A copy of PREV's files as business date `date` in the work directory. */
async function copyAs(date: string): Promise<string> {
  await cp(join(root, PREV), join(work, date), { recursive: true });
  return join(work, date);
}

describe('importOdsDate', () => {
  it('imports a date: one snapshot per customer (plus listed non-customers), counts per file', async () => {
    const r = await importOdsDate(db.models, crypto, { dir: root, date: DATE });
    expect(r.status).toBe('imported');
    expect(r.rejectedTotal).toBe(0);
    for (const f of r.files) {
      expect(f.rows).toBe((await lines(root, DATE, f.file)).length - 1);
      expect(f.accepted).toBe(f.rows);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    const customers = r.files.find((f) => f.kind === 'customers')!.rows;
    const snapshots = await db.models.OdsSnapshot.find({ businessDate: DATE }).lean();
    expect(snapshots).toHaveLength(r.snapshots);
    expect(snapshots.filter((s) => s.customerNo !== null)).toHaveLength(customers);
    const imp = await db.models.OdsImport.findById(DATE).lean();
    expect(imp).toMatchObject({ status: 'completed', snapshots: r.snapshots, attempts: 1 });

    // A snapshot carries what the files say, keyed by the blind index, never the clear ID.
    const [first] = await lines(root, DATE, 'customers.csv').then((l) => l.slice(1));
    const [customerNo, idNumber] = first!.split(',');
    const s = snapshots.find((x) => x.customerNo === customerNo)!;
    expect(s._id).toBe(`${DATE}|${crypto.blindIndex('id', idNumber!)}`);
    expect(JSON.stringify(snapshots)).not.toContain(idNumber);
    const dep = (await lines(root, DATE, 'deposits.csv')).find((l) => l.startsWith(`${customerNo},`));
    if (dep) expect(s.deposit.demand).toBe(Number(dep.split(',')[1]));
  });

  it('changes nothing when the same date is imported twice, and a forced re-run rebuilds identical documents', async () => {
    const once = await dump();
    const again = await importOdsDate(db.models, crypto, { dir: root, date: DATE });
    expect(again.status).toBe('unchanged');
    expect(await dump()).toEqual(once);

    const forced = await importOdsDate(db.models, crypto, { dir: root, date: DATE, force: true });
    expect(forced.status).toBe('imported');
    const after = await dump();
    expect(after.snapshots).toEqual(once.snapshots);
    const { attempts: a1, startedAt: _s1, finishedAt: _f1, ...before } = once.imports[0]!;
    const { attempts: a2, startedAt: _s2, finishedAt: _f2, ...rerun } = after.imports[0]!;
    expect(rerun).toEqual(before);
    expect(a2).toBe((a1 as number) + 1);
  });

  it('rejects bad rows with their line numbers and imports the rest, never half a row', async () => {
    const date = '2026-10-01';
    const dir = await copyAs(date);
    const customers = await lines(work, date, 'customers.csv');
    // Line 3: a wrong check character. Line 5: one field more than the header has.
    const bad = customers[2]!.split(',');
    const badId = bad[1]!;
    bad[1] = badId.slice(0, 17) + (idCheckChar(badId.slice(0, 17)) === '0' ? '1' : '0');
    customers[2] = bad.join(',');
    customers[4] = `${customers[4]},EXTRA`;
    await writeFile(join(dir, 'customers.csv'), customers.join('\n') + '\n');
    const rejectedCustomers = [bad[0]!, customers[4]!.split(',')[0]!];
    // A deposit row with an amount that isn't one, and a blacklist row with a bad ID.
    const deposits = await lines(work, date, 'deposits.csv');
    const depLine = deposits.findIndex((l, i) => i > 0 && !rejectedCustomers.includes(l.split(',')[0]!));
    const depFields = deposits[depLine]!.split(',');
    depFields[1] = 'abc';
    deposits[depLine] = depFields.join(',');
    await writeFile(join(dir, 'deposits.csv'), deposits.join('\n') + '\n');
    const blacklist = await lines(work, date, 'blacklist.csv');
    blacklist.push('32128319800101123X,坏数据,测试,2026-01-01');
    await writeFile(join(dir, 'blacklist.csv'), blacklist.join('\n') + '\n');

    const r = await importOdsDate(db.models, crypto, { dir: work, date });
    expect(r.status).toBe('imported');

    // The rows of the other customer-level files that belonged to the refused customers.
    const orphans: { file: string; line: number; reason: string; field: string | null }[] = [];
    for (const file of ['deposits.csv', 'loans.csv', 'wealth.csv', 'ebank.csv', 'warning_scores.csv']) {
      (await lines(work, date, file)).forEach((l, i) => {
        if (rejectedCustomers.includes(l.split(',')[0]!))
          orphans.push({ file, line: i + 1, reason: 'unknown_customer', field: 'customer_no' });
      });
    }
    const expected = [
      { file: 'customers.csv', line: 3, reason: 'id_checksum', field: 'id_number' },
      { file: 'customers.csv', line: 5, reason: 'column_count', field: null },
      { file: 'deposits.csv', line: depLine + 1, reason: 'invalid_value', field: 'demand_balance' },
      { file: 'blacklist.csv', line: blacklist.length, reason: 'id_checksum', field: 'id_number' },
      ...orphans,
    ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    expect(r.rejects).toEqual(expected);
    expect(r.rejectedTotal).toBe(expected.length);
    const stored = await db.models.OdsImport.findById(date).lean();
    expect(stored!.rejects).toEqual(expected);

    const customersFile = r.files.find((f) => f.kind === 'customers')!;
    expect(customersFile).toMatchObject({ rows: customers.length - 1, rejected: 2, accepted: customers.length - 3 });
    for (const no of rejectedCustomers) expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date, customerNo: no })).toBe(0);
    // The customer whose deposit row was refused is still imported, without a deposit.
    const kept = await db.models.OdsSnapshot.findOne({ businessDate: date, customerNo: depFields[0] }).lean();
    expect(kept?.deposit.total).toBe(0);
    expect(kept?.sources).not.toContain('deposits');
  });

  it('refuses a second customer row with the same ID number, by its line', async () => {
    const date = '2026-10-07';
    const dir = await copyAs(date);
    const customers = await lines(work, date, 'customers.csv');
    const fields = customers[3]!.split(',');
    fields[1] = customers[1]!.split(',')[1]!; // line 4 now claims line 2's person
    customers[3] = fields.join(',');
    await writeFile(join(dir, 'customers.csv'), customers.join('\n') + '\n');
    const r = await importOdsDate(db.models, crypto, { dir: work, date });
    expect(r.rejects).toEqual([{ file: 'customers.csv', line: 4, reason: 'duplicate_id_number', field: 'id_number' }]);
    expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date, customerNo: fields[0] })).toBe(0);
    expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date, customerNo: customers[1]!.split(',')[0] })).toBe(1);
  });

  it.each([
    [
      'an unknown column',
      'unknown_column',
      (text: string) => text.replace('wealth_balance', 'wealth_balance,branch_code').replace(/\n(\d+,[\d.]+)/g, '\n$1,01'),
    ],
    ['a missing column', 'missing_column', (text: string) => text.replace('customer_no,wealth_balance', 'customer_no')],
  ])('refuses a file with %s in its header before writing anything', async (_label, code, alter) => {
    const date = code === 'unknown_column' ? '2026-10-02' : '2026-10-03';
    const dir = await copyAs(date);
    await writeFile(join(dir, 'wealth.csv'), alter(await readFile(join(dir, 'wealth.csv'), 'utf8')));
    await expect(importOdsDate(db.models, crypto, { dir: work, date })).rejects.toMatchObject({ code });
    expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date })).toBe(0);
    expect(await db.models.OdsImport.findById(date).lean()).toMatchObject({ status: 'failed' });
  });

  it('stops on a customer-level file that is not sorted and leaves nothing of the date behind', async () => {
    const date = '2026-10-04';
    const dir = await copyAs(date);
    const warnings = await lines(work, date, 'warning_scores.csv');
    const last = warnings.length - 1;
    [warnings[last - 1], warnings[last]] = [warnings[last]!, warnings[last - 1]!];
    await writeFile(join(dir, 'warning_scores.csv'), warnings.join('\n') + '\n');
    // Small batches, so that documents were written before the disorder shows up.
    const err = await importOdsDate(db.models, crypto, { dir: work, date, batchSize: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdsImportError);
    expect(err).toMatchObject({ code: 'out_of_order' });
    expect((err as Error).message).toContain(`warning_scores.csv:${last + 1}`);
    expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date })).toBe(0);
    expect(await db.models.OdsImport.findById(date).lean()).toMatchObject({ status: 'failed' });
  });

  it('rebuilds a date when its files change', async () => {
    const date = '2026-10-05';
    const dir = await copyAs(date);
    const first = await importOdsDate(db.models, crypto, { dir: work, date });
    const wealth = await lines(work, date, 'wealth.csv');
    const [no] = wealth[1]!.split(',');
    wealth[1] = `${no},123456.78`;
    await writeFile(join(dir, 'wealth.csv'), wealth.join('\n') + '\n');
    const second = await importOdsDate(db.models, crypto, { dir: work, date });
    expect(second.status).toBe('imported');
    expect(second.snapshots).toBe(first.snapshots);
    expect(await db.models.OdsSnapshot.countDocuments({ businessDate: date })).toBe(first.snapshots);
    const s = await db.models.OdsSnapshot.findOne({ businessDate: date, customerNo: no }).lean();
    expect(s?.wealth.balance).toBe(123456.78);
  });

  it('refuses an incomplete batch', async () => {
    const date = '2026-10-06';
    const dir = await copyAs(date);
    await rm(join(dir, 'ebank.csv'));
    await expect(importOdsDate(db.models, crypto, { dir: work, date })).rejects.toMatchObject({ code: 'missing_file' });
    expect(await db.models.OdsImport.findById(date).lean()).toBeNull();
  });

  it('keeps dates apart: importing one date leaves the other as it was', async () => {
    const before = await db.models.OdsSnapshot.collection.find({ businessDate: DATE }).sort({ _id: 1 }).toArray();
    const r = await importOdsDate(db.models, crypto, { dir: root, date: PREV });
    expect(r.status).toBe('imported');
    expect(await db.models.OdsSnapshot.collection.find({ businessDate: DATE }).sort({ _id: 1 }).toArray()).toEqual(before);
    // Balances move from one day to the next, as a month of dates for charts needs.
    const prev = new Map((await db.models.OdsSnapshot.find({ businessDate: PREV }).lean()).map((s) => [s.idIndex, s.deposit.demand]));
    const moved = before.filter(
      (s) => prev.has(s.idIndex as string) && prev.get(s.idIndex as string) !== (s.deposit as { demand: number }).demand,
    );
    expect(moved.length).toBeGreaterThan(before.length / 2);
  });
});

import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ODS_FILES } from '../ods/odsFormat';
import { demoPopulation } from './demoPeople';
import { OdsBatchWriter } from './odsWriter';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ods-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('OdsBatchWriter', () => {
  it('streams rows to disk as it goes, and publishes a date only when closed', async () => {
    const population = demoPopulation(1, 600, '2026-11-27');
    const writer = await OdsBatchWriter.open(dir, ['2026-11-27'], 1, '2026-11-27');
    for (const h of population.households())
      for (const m of h.members)
        writer.add(
          m,
          m.bank,
          h.lists.filter((l) => l.idNumber === m.idNumber),
        );
    await writer.flush();
    // Before close: rows are on disk in a hidden temporary directory (memory stays flat on a
    // million households), and no importer can see a half-written date yet.
    const [tmp] = await readdir(dir);
    expect(tmp).toMatch(/^\.tmp-2026-11-27-/);
    expect((await stat(join(dir, tmp!, 'customers.csv'))).size).toBeGreaterThan(65_536);
    await writer.close();
    expect(await readdir(dir)).toEqual(['2026-11-27']);
    expect((await readdir(join(dir, '2026-11-27'))).sort()).toEqual(ODS_FILES.map((f) => f.file).sort());
    const customers = (await readFile(join(dir, '2026-11-27', 'customers.csv'), 'utf8')).trim().split('\n');
    expect(customers[0]).toBe('customer_no,id_number,name,phone,open_date');
    const numbers = customers.slice(1).map((l) => l.split(',')[0]!);
    expect(numbers).toEqual([...numbers].sort()); // sorted by customer_no, as the importer needs
  });

  it('throws a failed run away', async () => {
    const writer = await OdsBatchWriter.open(dir, ['2026-11-26', '2026-11-27'], 1, '2026-11-27');
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });
});

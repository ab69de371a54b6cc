/**
 * Seeds the demo bank and writes its T+1 ODS batch files:
 *
 *   npx tsx bff/demo/cli.ts --households 50000 --seed 20261128 --ods-dir data/ods \
 *     --business-date 2026-11-27 [--days 30] [--if-empty] [--reset] [--import-ods] [--ods-only]
 *
 * --days N       ODS files for the N business dates ending with --business-date (charts).
 * --if-empty     do nothing when the database already has branches (the start script).
 * --reset        drop the demo collections (and ODS snapshots/imports) first.
 * --import-ods   import the written dates into the database right away.
 * --ods-only     write the ODS files of the bank this seed/size/date describes, touch no database
 *                (e.g. a new day's files for a database seeded earlier).
 *
 * Refuses to run with NODE_ENV=production. Uses MONGODB_URI via loadConfig().
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db';
import { createModels, type Models } from '../models';
import { createFieldCrypto } from '../security/fieldCrypto';
import { importOdsDate } from '../ods/importOdsDate';
import { printImportSummary } from '../ods/cli';
import { addDays, dateRangeEndingAt, isIsoDate } from '../ods/isoDate';
import { DEMO_COLLECTIONS, DEMO_PASSWORD, assertNotProduction, seedDemoBank, writeDemoOds, type SeedProgress } from './seedDemoBank';

function yesterday(): string {
  // T+1: the newest complete business date is yesterday, in the bank's time zone (UTC+8).
  const shanghai = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return addDays(shanghai, -1);
}

function progressBar() {
  const bar = new SingleBar(
    { format: '{phase} |{bar}| {value}/{total} | {eta_formatted} left', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: SeedProgress) {
      if (!process.stdout.isTTY || p.phase === 'organisation') return;
      if (!started) {
        bar.start(Math.max(1, p.total), 0, { phase: p.phase });
        started = true;
      }
      bar.setTotal(Math.max(1, p.total));
      bar.update(p.done, { phase: p.phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function main(): Promise<void> {
  assertNotProduction();
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '50000' },
      seed: { type: 'string', default: '20261128' },
      'ods-dir': { type: 'string', default: 'data/ods' },
      'business-date': { type: 'string' },
      days: { type: 'string', default: '1' },
      'if-empty': { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      'import-ods': { type: 'boolean', default: false },
      'ods-only': { type: 'boolean', default: false },
    },
  });
  const households = Number(values.households);
  const days = Number(values.days);
  const businessDate = values['business-date'] ?? yesterday();
  if (!Number.isInteger(households) || households < 0) throw new Error('--households must be a non-negative integer');
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error('--days must be 1..366');
  if (!isIsoDate(businessDate)) throw new Error('--business-date must be YYYY-MM-DD');
  // A numeric seed stays a number so that `--seed 20261128` and the library's { seed: 20261128 } agree.
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  const odsDir = values['ods-dir'];
  const dates = dateRangeEndingAt(businessDate, days);
  const t0 = Date.now();
  const bar = progressBar();

  if (values['ods-only']) {
    const r = await writeDemoOds({ seed, households, businessDate, dir: odsDir, dates, onProgress: (p) => bar.update(p) }).finally(() =>
      bar.stop(),
    );
    console.log(
      `wrote ODS files for ${r.odsDates.length} date(s) (${r.households} households, ${r.walkIns} walk-in customers) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const d of r.odsDirs) console.log(`  ${d}`);
    return;
  }

  const config = loadConfig();
  const conn = await connectDatabase(config.mongodbUri);
  try {
    let models = createModels(conn);
    if (values['if-empty'] && (await models.Branch.exists({}))) {
      console.log('demo bank: the database already has branches, nothing to do (--if-empty)');
      return;
    }
    if (values.reset) {
      for (const name of [...DEMO_COLLECTIONS, 'OdsSnapshot', 'OdsImport'] as const) {
        await models[name].collection.drop().catch(() => undefined); // absent collection: fine
      }
      for (const name of Object.keys(conn.models)) conn.deleteModel(name);
      models = createModels(conn);
    }
    await Promise.all(Object.values(models).map((m) => m.init()));
    const crypto = createFieldCrypto(config.dataKeys);
    const r = await seedDemoBank(models, crypto, {
      seed,
      households,
      businessDate,
      ods: { dir: odsDir, dates },
      onProgress: (p) => bar.update(p),
    }).finally(() => bar.stop());
    const seconds = (Date.now() - t0) / 1000;
    console.log(`demo bank seeded in ${seconds.toFixed(1)} s (seed ${seed}, business date ${businessDate})`);
    console.log(`  branches ${r.branches}, staff accounts ${r.users} (password ${DEMO_PASSWORD}), regions ${r.regions}, grids ${r.grids}`);
    console.log(`  households ${r.households} with ${r.members} members; ${r.walkInCustomers} walk-in customers in the ODS only`);
    console.log(`  ODS files (clear ID numbers: never commit them) for ${r.odsDates.length} date(s):`);
    for (const d of r.odsDirs) console.log(`    ${d}`);
    if (values['import-ods']) await importDates(models, crypto, odsDir, r.odsDates);
  } finally {
    await conn.close();
  }
}

async function importDates(models: Models, crypto: ReturnType<typeof createFieldCrypto>, dir: string, dates: string[]): Promise<void> {
  for (const date of dates) {
    const t = Date.now();
    printImportSummary(await importOdsDate(models, crypto, { dir, date }), (Date.now() - t) / 1000);
  }
}

main().catch((err: unknown) => {
  console.error(`demo bank failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

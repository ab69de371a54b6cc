/**
 * Imports one business date of ODS batch files:
 *
 *   npx tsx bff/ods/cli.ts --date 2026-11-27 --dir data/ods [--force] [--no-portraits]
 *
 * After an import (or when no portrait was ever built) the households' precomputed portraits
 * are rebuilt (bff/ods/buildHouseholdPortraits.ts); `--no-portraits` skips that step.
 * A date already imported from identical files is a no-op ("unchanged"). Uses MONGODB_URI
 * (and the data keys, for the ID blind index) from the environment via loadConfig().
 * Exit status: 0 imported or unchanged, 1 failed (the reason is printed and recorded on the
 * date's OdsImport document).
 */
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db';
import { createModels } from '../models';
import { createFieldCrypto } from '../security/fieldCrypto';
import { importOdsDate, type ImportOdsResult } from './importOdsDate';
import { rebuildPortraits } from './portraitsCli';

export function printImportSummary(r: ImportOdsResult, seconds: number): void {
  const verb = r.status === 'unchanged' ? 'unchanged (same files already imported)' : `imported in ${seconds.toFixed(1)} s`;
  console.log(`ODS ${r.businessDate}: ${verb}`);
  console.log(`  snapshots ${r.snapshots}, rejected rows ${r.rejectedTotal}`);
  for (const f of r.files)
    console.log(
      `  ${f.file.padEnd(20)} rows ${String(f.rows).padStart(9)}  accepted ${String(f.accepted).padStart(9)}  rejected ${f.rejected}`,
    );
  for (const x of r.rejects.slice(0, 20)) console.log(`  rejected ${x.file}:${x.line} ${x.reason}${x.field ? ` (${x.field})` : ''}`);
  if (r.rejectedTotal > 20) console.log(`  ... ${r.rejectedTotal - 20} more rejected rows (first 1000 on the OdsImport document)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      date: { type: 'string' },
      dir: { type: 'string', default: 'data/ods' },
      force: { type: 'boolean', default: false },
      'no-portraits': { type: 'boolean', default: false },
    },
  });
  if (!values.date) throw new Error('usage: npx tsx bff/ods/cli.ts --date YYYY-MM-DD [--dir data/ods] [--force]');

  const config = loadConfig();
  const conn = await connectDatabase(config.mongodbUri);
  try {
    const models = createModels(conn);
    // Indexes first: the unique (idIndex, businessDate) index is part of the contract.
    await Promise.all(Object.values(models).map((m) => m.init()));
    const crypto = createFieldCrypto(config.dataKeys);
    const bar = new SingleBar(
      { format: 'ODS {phase} |{bar}| {percentage}% | {eta_formatted} left', hideCursor: true, clearOnComplete: true },
      Presets.shades_classic,
    );
    let started = false;
    const t0 = Date.now();
    const result = await importOdsDate(models, crypto, {
      dir: values.dir,
      date: values.date,
      force: values.force,
      onProgress: (p) => {
        if (!process.stdout.isTTY) return;
        if (!started) {
          bar.start(Math.max(1, p.total), 0, { phase: p.phase });
          started = true;
        }
        bar.setTotal(Math.max(1, p.total));
        bar.update(p.done, { phase: p.phase });
      },
    }).finally(() => started && bar.stop());
    printImportSummary(result, (Date.now() - t0) / 1000);
    if (!values['no-portraits'] && (result.status === 'imported' || (await models.HouseholdPortrait.estimatedDocumentCount()) === 0)) {
      await rebuildPortraits(models, config);
    }
  } finally {
    await conn.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`ODS import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

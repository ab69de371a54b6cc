import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { ODS_FILES, csvLine, type OdsFileKind } from '../ods/odsFormat';
import type { BankProfile } from './bankProfile';
import type { ListEntry } from './householdFactory';
import { formatAmount } from './money';
import { dailyValues } from './odsDailyValues';

/**
 * Writes the bank's T+1 ODS batch files (see bff/ods/odsFormat.ts) for one or more business
 * dates while the generator streams people through it, so that no day is ever held in memory.
 *
 * These files carry ID numbers and phones in clear, as the bank's own batch files do; they
 * belong in `data/ods/` (gitignored) and nowhere else. Each date is written into a temporary
 * directory and renamed into place at the end, so an importer never sees a half-written day.
 */
export interface OdsPerson {
  idNumber: string;
  name: string;
  phone: string | null;
}

/** Buffers rows and writes ~64 KiB chunks, waiting for the disk when the stream is full. */
class CsvOut {
  private chunks: string[] = [];
  private size = 0;
  readonly stream: WriteStream;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.push(csvLine(header));
  }

  push(line: string): void {
    this.chunks.push(line);
    this.size += line.length;
  }

  async flushIfFull(force = false): Promise<void> {
    if (this.size < 65_536 && !(force && this.size > 0)) return;
    const ok = this.stream.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flushIfFull(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

interface DateOut {
  date: string;
  tmpDir: string;
  finalDir: string;
  files: Record<OdsFileKind, CsvOut>;
}

export class OdsBatchWriter {
  private rows = 0;

  private constructor(
    private readonly seed: string | number,
    private readonly asOf: string,
    private readonly outs: DateOut[],
  ) {}

  /** Opens the files of every date; `asOf` is the date the profiles were generated for. */
  static async open(rootDir: string, dates: readonly string[], seed: string | number, asOf: string): Promise<OdsBatchWriter> {
    const outs: DateOut[] = [];
    for (const date of dates) {
      const finalDir = join(rootDir, date);
      const tmpDir = join(rootDir, `.tmp-${date}-${process.pid}`);
      await rm(tmpDir, { recursive: true, force: true });
      await mkdir(tmpDir, { recursive: true });
      const files = {} as Record<OdsFileKind, CsvOut>;
      for (const spec of ODS_FILES) files[spec.kind] = new CsvOut(join(tmpDir, spec.file), spec.columns);
      outs.push({ date, tmpDir, finalDir, files });
    }
    return new OdsBatchWriter(seed, asOf, outs);
  }

  /**
   * Adds one person: their customer rows (when they are a customer whose account was open on
   * that date) and their list entries. Call in ascending customer number order. Rows are only
   * buffered here (no await per row); call flush() every batch of households.
   */
  add(person: OdsPerson, profile: BankProfile | null, lists: readonly ListEntry[]): void {
    for (const out of this.outs) {
      const { date, files } = out;
      const onList = (kind: ListEntry['list']) => lists.some((l) => l.list === kind && l.listedDate <= date);
      for (const l of lists) {
        if (l.listedDate > date) continue;
        if (l.list === 'dibao') files.dibao.push(csvLine([l.idNumber, l.name, l.listedDate]));
        else files[l.list].push(csvLine([l.idNumber, l.name, l.reason, l.listedDate]));
      }
      if (profile && profile.openDate <= date) {
        const no = profile.customerNo;
        const v = dailyValues(this.seed, profile, this.asOf, date, { blacklist: onList('blacklist'), graylist: onList('graylist') });
        files.customers.push(csvLine([no, person.idNumber, person.name, person.phone ?? '', profile.openDate]));
        if (v.deposit)
          files.deposits.push(csvLine([no, formatAmount(v.deposit.demand), formatAmount(v.deposit.time), formatAmount(v.deposit.avg1y)]));
        if (v.loan) {
          files.loans.push(
            csvLine([
              no,
              v.loan.count,
              formatAmount(v.loan.balance),
              formatAmount(v.loan.overdueAmount),
              v.loan.overdueDays,
              v.loan.firstLoanDate,
            ]),
          );
        }
        if (v.wealth > 0) files.wealth.push(csvLine([no, formatAmount(v.wealth)]));
        if (profile.ebank || profile.mobile) files.ebank.push(csvLine([no, profile.ebank ? 'Y' : 'N', profile.mobile ? 'Y' : 'N']));
        files.warningScores.push(csvLine([no, v.warningScore]));
        this.rows++;
      }
    }
  }

  /** Hands the buffered rows to the files, waiting for the disk where a stream is full. */
  async flush(): Promise<void> {
    for (const out of this.outs) for (const f of Object.values(out.files)) await f.flushIfFull();
  }

  /** Customer rows written, summed over dates. */
  get customerRows(): number {
    return this.rows;
  }

  /** Finishes every file and publishes each date directory (replacing an older one). */
  async close(): Promise<string[]> {
    for (const out of this.outs) {
      for (const f of Object.values(out.files)) await f.end();
      await rm(out.finalDir, { recursive: true, force: true });
      await rename(out.tmpDir, out.finalDir);
    }
    return this.outs.map((o) => o.finalDir);
  }

  /** Throws the partial files away (on a failed run). */
  async abort(): Promise<void> {
    for (const out of this.outs) {
      for (const f of Object.values(out.files)) f.stream.destroy();
      await rm(out.tmpDir, { recursive: true, force: true });
    }
  }
}

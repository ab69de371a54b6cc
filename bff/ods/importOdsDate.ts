import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { maskIdNumber } from '@sunshine/shared';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import { OdsFileError, OdsRowReader } from './csvRows';
import { isIsoDate } from './isoDate';
import { ODS_FILES, type OdsFileKind } from './odsFormat';
import type { CustomerRow, DepositRow, EbankRow, ListRow, LoanRow, RejectReason, WarningRow, WealthRow } from './rowParsers';

/**
 * Imports one business date's ODS batch into `OdsSnapshot` (one document per person per
 * date) and records the run in `OdsImport`.
 *
 * Idempotent by construction:
 * - a date whose completed import has the same file SHA-256s is skipped without a write;
 * - otherwise (changed files, an earlier failure, or `force`) the date is rebuilt: its
 *   snapshots are deleted and inserted again. A snapshot is a pure function of the files
 *   (`_id` = `<date>|<idIndex>`, no timestamps), so rebuilding from the same files gives the
 *   same documents, field for field.
 *
 * Why delete-and-insert rather than upserts: FerretDB 1.24 runs every update statement as a
 * full collection scan (its SQL pushdown uses jsonb `@>`, which the btree indexes cannot
 * serve) and holds one PostgreSQL connection per statement until the whole bulk command
 * ends, so a bulkWrite of more than ~50 updates deadlocks its 50-connection pool. Measured
 * here on 20,000 documents: 24 updates/s against ~3,500 inserted documents/s. Inserts of
 * whole documents are the only bulk write that scales on this database.
 *
 * Streaming: the customer-level files are sorted by customer_no (odsFormat.ts), so they are
 * joined by a merge that holds one row per file; only the (small) list files are read into
 * memory first, keyed by ID blind index.
 */
export interface ImportOdsOptions {
  dir: string;
  date: string;
  force?: boolean;
  batchSize?: number;
  onProgress?: (p: { phase: 'hashing' | 'lists' | 'customers' | 'done'; done: number; total: number }) => void;
}

export interface ImportedFile {
  kind: OdsFileKind;
  file: string;
  sha256: string;
  bytes: number;
  rows: number;
  accepted: number;
  rejected: number;
}

export interface RejectedRow {
  file: string;
  line: number;
  reason: RejectReason;
  field: string | null;
}

export interface ImportOdsResult {
  status: 'imported' | 'unchanged';
  businessDate: string;
  files: ImportedFile[];
  snapshots: number;
  rejectedTotal: number;
  rejects: RejectedRow[];
}

export class OdsImportError extends Error {
  constructor(
    readonly code: 'invalid_date' | 'already_running' | 'missing_file' | OdsFileError['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Rejected rows kept on the OdsImport document; the total is always counted in full. */
const MAX_STORED_REJECTS = 1000;
/** A 'running' import older than this is taken to have died and may be replaced. */
const STALE_RUN_MS = 6 * 3600_000;

type Lists = Map<string, { idNumber: string; blacklist?: ListRow; graylist?: ListRow; dibao?: ListRow; sources: OdsFileKind[] }>;

export async function importOdsDate(models: Models, crypto: FieldCrypto, opts: ImportOdsOptions): Promise<ImportOdsResult> {
  const { date } = opts;
  if (!isIsoDate(date)) throw new OdsImportError('invalid_date', `invalid business date ${date}`);
  const dayDir = join(opts.dir, date);
  const progress = opts.onProgress ?? (() => undefined);
  const batchSize = opts.batchSize ?? 1000;

  // 1. Fingerprint the batch. Hashing reads each file once more, but only sequentially and
  //    without parsing, and it lets an unchanged date cost no database write at all.
  const files: ImportedFile[] = [];
  let hashedBytes = 0;
  for (const spec of ODS_FILES) {
    const path = join(dayDir, spec.file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new OdsImportError('missing_file', `${path} is missing: a business date is imported complete or not at all`);
    files.push({ kind: spec.kind, file: spec.file, sha256: await sha256File(path), bytes: info.size, rows: 0, accepted: 0, rejected: 0 });
    hashedBytes += info.size;
    progress({ phase: 'hashing', done: files.length, total: ODS_FILES.length });
  }

  const existing = await models.OdsImport.findById(date).lean();
  if (!opts.force && existing?.status === 'completed' && sameFiles(existing.files, files)) {
    return {
      status: 'unchanged',
      businessDate: date,
      files: existing.files.map((f) => ({ ...f, kind: f.kind as OdsFileKind })),
      snapshots: existing.snapshots,
      rejectedTotal: existing.rejectedTotal,
      rejects: existing.rejects.map((r) => ({ file: r.file, line: r.line, reason: r.reason as RejectReason, field: r.field ?? null })),
    };
  }
  if (existing?.status === 'running' && !opts.force && Date.now() - existing.startedAt.getTime() < STALE_RUN_MS) {
    throw new OdsImportError(
      'already_running',
      `an import of ${date} started at ${existing.startedAt.toISOString()} is still running (use force to replace it)`,
    );
  }

  // 2. Claim the date. One atomic single-document write (no transactions here).
  await models.OdsImport.findOneAndUpdate(
    { _id: date },
    {
      $set: {
        status: 'running',
        dir: opts.dir,
        files,
        snapshots: 0,
        rejectedTotal: 0,
        rejects: [],
        error: null,
        startedAt: new Date(),
        finishedAt: null,
      },
      $inc: { attempts: 1 },
    },
    { upsert: true, new: true },
  );

  const rejects: RejectedRow[] = [];
  let rejectedTotal = 0;
  const reject = (file: string, line: number, reason: RejectReason, field: string | null) => {
    rejectedTotal++;
    if (rejects.length < MAX_STORED_REJECTS) rejects.push({ file, line, reason, field });
  };

  // 3. Rebuild the date. Snapshots of a date only ever exist under an OdsImport claim, so a
  //    date seen for the first time has nothing to delete (and skips a full scan).
  if (existing) await models.OdsSnapshot.deleteMany({ businessDate: date });
  try {
    const snapshots = await buildSnapshots(models, crypto, { dayDir, date, batchSize, reject, files, progress, hashedBytes });
    rejects.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    await models.OdsImport.updateOne(
      { _id: date },
      { $set: { status: 'completed', files, snapshots, rejectedTotal, rejects, error: null, finishedAt: new Date() } },
    );
    progress({ phase: 'done', done: snapshots, total: snapshots });
    return { status: 'imported', businessDate: date, files, snapshots, rejectedTotal, rejects };
  } catch (err) {
    // Never leave half a date behind: readers only trust dates whose import completed, and
    // this keeps the collection free of rows no completed import accounts for.
    await models.OdsSnapshot.deleteMany({ businessDate: date }).catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    await models.OdsImport.updateOne({ _id: date }, { $set: { status: 'failed', error: message, finishedAt: new Date() } }).catch(
      () => undefined,
    );
    if (err instanceof OdsFileError) throw new OdsImportError(err.code, err.message);
    throw err;
  }
}

function sameFiles(stored: readonly { kind: string; sha256: string }[], current: readonly ImportedFile[]): boolean {
  if (stored.length !== current.length) return false;
  return current.every((f) => stored.some((s) => s.kind === f.kind && s.sha256 === f.sha256));
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface BuildContext {
  dayDir: string;
  date: string;
  batchSize: number;
  reject: (file: string, line: number, reason: RejectReason, field: string | null) => void;
  files: ImportedFile[];
  progress: NonNullable<ImportOdsOptions['onProgress']>;
  hashedBytes: number;
}

async function buildSnapshots(models: Models, crypto: FieldCrypto, c: BuildContext): Promise<number> {
  const path = (kind: OdsFileKind) => join(c.dayDir, ODS_FILES.find((f) => f.kind === kind)!.file);
  const readers: OdsRowReader<OdsFileKind>[] = [];
  const open = async <K extends OdsFileKind>(kind: K, sorted: boolean) => {
    const r = await new OdsRowReader(kind, path(kind), c.reject, sorted).open();
    readers.push(r as unknown as OdsRowReader<OdsFileKind>);
    return r;
  };

  // A duplicate ID number is found by the unique index at insert time; the row to refuse is
  // the customers.csv line that produced the second document.
  const refuseCustomerRow = (line: number, reason: RejectReason) =>
    readers.find((r) => r.spec.kind === 'customers')?.unaccept(line, reason, 'id_number');
  const inserter = new SnapshotInserter(models, c.batchSize, refuseCustomerRow);
  try {
    // Open every file first, so that a bad header stops the import before anything is written.
    const customers = await open('customers', true);
    const deposits = await open('deposits', true);
    const loans = await open('loans', true);
    const wealth = await open('wealth', true);
    const ebank = await open('ebank', true);
    const warnings = await open('warningScores', true);
    const listReaders = [await open('blacklist', false), await open('graylist', false), await open('dibao', false)];

    // Lists: a few percent of people, read whole and keyed by the ID's blind index.
    const lists: Lists = new Map();
    for (const reader of listReaders) {
      const kind = reader.spec.kind as 'blacklist' | 'graylist' | 'dibao';
      for (let row = await reader.take(); row; row = await reader.take()) {
        const idIndex = crypto.blindIndex('id', row.value.idNumber);
        const entry = lists.get(idIndex) ?? { idNumber: row.value.idNumber, sources: [] };
        if (entry[kind]) {
          reader.unaccept(row.line, 'duplicate_key', 'id_number');
          continue;
        }
        entry[kind] = row.value;
        entry.sources.push(kind);
        lists.set(idIndex, entry);
      }
    }
    c.progress({ phase: 'lists', done: lists.size, total: lists.size });

    const customersFile = c.files.find((f) => f.kind === 'customers')!;

    // The merge: for each customer, take the matching row of every other customer-level file;
    // rows of those files whose customer_no sorts before the current customer have no
    // customer row (or had an invalid one) and are rejected.
    const joinRow = async <T>(reader: OdsRowReader<OdsFileKind>, customerNo: string | null): Promise<T | null> => {
      for (let row = await reader.peek(); row; row = await reader.peek()) {
        if (customerNo !== null && row.key > customerNo) return null;
        await reader.take();
        if (customerNo !== null && row.key === customerNo) return row.value as T;
        reader.unaccept(row.line, 'unknown_customer', 'customer_no');
      }
      return null;
    };
    const joined = [deposits, loans, wealth, ebank, warnings] as unknown as OdsRowReader<OdsFileKind>[];

    let n = 0;
    for (let row = await customers.take(); row; row = await customers.take()) {
      const cust = row.value as CustomerRow;
      const dep = await joinRow<DepositRow>(joined[0]!, cust.customerNo);
      const loan = await joinRow<LoanRow>(joined[1]!, cust.customerNo);
      const wm = await joinRow<WealthRow>(joined[2]!, cust.customerNo);
      const eb = await joinRow<EbankRow>(joined[3]!, cust.customerNo);
      const warn = await joinRow<WarningRow>(joined[4]!, cust.customerNo);
      const idIndex = crypto.blindIndex('id', cust.idNumber);
      const listed = lists.get(idIndex);
      lists.delete(idIndex);
      await inserter.add(snapshotDoc(c.date, idIndex, cust.idNumber, { cust, dep, loan, wm, eb, warn, listed }), row.line);
      if (++n % 5000 === 0) c.progress({ phase: 'customers', done: customers.bytesRead, total: customersFile.bytes });
    }
    // Whatever is left in the other files has no customer at all.
    for (const reader of joined) await joinRow(reader, null);
    c.progress({ phase: 'customers', done: customersFile.bytes, total: customersFile.bytes });

    // People on a list who are not (valid) customers still get their flags recorded.
    for (const [idIndex, listed] of lists) {
      await inserter.add(
        snapshotDoc(c.date, idIndex, listed.idNumber, { cust: null, dep: null, loan: null, wm: null, eb: null, warn: null, listed }),
        null,
      );
    }
    const inserted = await inserter.finish();

    for (const r of readers) {
      const f = c.files.find((x) => x.kind === r.spec.kind)!;
      Object.assign(f, { rows: r.rows, accepted: r.accepted, rejected: r.rejected });
    }
    return inserted;
  } catch (err) {
    // Let batches still in flight land before the caller deletes the date, or they would
    // arrive after the clean-up and leave part of a failed import behind.
    await inserter.settle();
    throw err;
  } finally {
    for (const r of readers) r.close();
  }
}

interface SnapshotParts {
  cust: CustomerRow | null;
  dep: DepositRow | null;
  loan: LoanRow | null;
  wm: WealthRow | null;
  eb: EbankRow | null;
  warn: WarningRow | null;
  listed: { blacklist?: ListRow; graylist?: ListRow; dibao?: ListRow; sources: OdsFileKind[] } | undefined;
}

/** The snapshot document; its fields are always written in this order, so reruns are identical. */
function snapshotDoc(date: string, idIndex: string, idNumber: string, p: SnapshotParts) {
  const sources: OdsFileKind[] = [];
  if (p.cust) sources.push('customers');
  if (p.dep) sources.push('deposits');
  if (p.loan) sources.push('loans');
  if (p.wm) sources.push('wealth');
  if (p.eb) sources.push('ebank');
  if (p.warn) sources.push('warningScores');
  for (const kind of ['blacklist', 'graylist', 'dibao'] as const) if (p.listed?.[kind]) sources.push(kind);
  return {
    _id: `${date}|${idIndex}`,
    businessDate: date,
    idIndex,
    idMasked: maskIdNumber(idNumber),
    customerNo: p.cust?.customerNo ?? null,
    openDate: p.cust?.openDate ?? null,
    deposit: {
      demand: p.dep?.demand ?? 0,
      time: p.dep?.time ?? 0,
      total: p.dep ? Math.round((p.dep.demand + p.dep.time) * 100) / 100 : 0,
      avg1y: p.dep?.avg1y ?? 0,
    },
    loan: {
      count: p.loan?.count ?? 0,
      balance: p.loan?.balance ?? 0,
      overdueAmount: p.loan?.overdueAmount ?? 0,
      overdueDays: p.loan?.overdueDays ?? 0,
      firstLoanDate: p.loan?.firstLoanDate ?? null,
    },
    wealth: { balance: p.wm?.balance ?? 0 },
    ebank: { ebank: p.eb?.ebank ?? false, mobile: p.eb?.mobile ?? false },
    warningScore: p.warn?.score ?? null,
    lists: {
      blacklist: !!p.listed?.blacklist,
      graylist: !!p.listed?.graylist,
      dibao: !!p.listed?.dibao,
      blacklistReason: p.listed?.blacklist?.reason ?? null,
      graylistReason: p.listed?.graylist?.reason ?? null,
    },
    sources,
  };
}

/**
 * Batched insertMany (ordered:false) with at most two batches in flight. A duplicate key
 * means one person came under two customer numbers: the later row is rejected (by line).
 */
class SnapshotInserter {
  private docs: Record<string, unknown>[] = [];
  private lines: (number | null)[] = [];
  private inFlight: Promise<number>[] = [];
  private inserted = 0;

  constructor(
    private readonly models: Models,
    private readonly batchSize: number,
    private readonly onDuplicate: (line: number, reason: RejectReason) => void,
  ) {}

  async add(doc: Record<string, unknown>, line: number | null): Promise<void> {
    this.docs.push(doc);
    this.lines.push(line);
    if (this.docs.length >= this.batchSize) await this.flush();
  }

  /** Waits for every batch in flight, ignoring their outcome (the import failed anyway). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
  }

  async finish(): Promise<number> {
    await this.flush();
    for (const n of await Promise.all(this.inFlight.splice(0))) this.inserted += n;
    return this.inserted;
  }

  private async flush(): Promise<void> {
    if (this.docs.length === 0) return;
    const docs = this.docs;
    const lines = this.lines;
    this.docs = [];
    this.lines = [];
    const pending = this.insert(docs, lines);
    pending.catch(() => undefined); // awaited below; see seedDemoBank.ts
    this.inFlight.push(pending);
    if (this.inFlight.length >= 2) this.inserted += await this.inFlight.shift()!;
  }

  private async insert(docs: Record<string, unknown>[], lines: (number | null)[]): Promise<number> {
    try {
      await this.models.OdsSnapshot.insertMany(docs, { ordered: false, lean: true });
      return docs.length;
    } catch (err) {
      const writeErrors = (err as { writeErrors?: unknown }).writeErrors;
      const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as {
        index: number;
        code?: number;
        err?: { code?: number };
      }[];
      if (list.length === 0 || list.some((e) => (e.code ?? e.err?.code) !== 11000)) throw err;
      for (const e of list) {
        const line = lines[e.index];
        if (line !== null && line !== undefined) this.onDuplicate(line, 'duplicate_id_number');
      }
      return docs.length - list.length;
    }
  }
}

import { createReadStream, type ReadStream } from 'node:fs';
import { parse, type Parser } from 'csv-parse';
import { odsSpec, type OdsFileKind, type OdsFileSpec } from './odsFormat';
import { parseRow, type RejectReason, type RowTypes } from './rowParsers';

/**
 * Streams the validated rows of one ODS file, with their line numbers, one at a time
 * (csv-parse underneath), and lets the caller peek at the next row: that is what a sorted
 * merge of several files needs. Invalid rows are reported to `reject` and skipped.
 */
export class OdsFileError extends Error {
  constructor(
    readonly code:
      'missing_file' | 'unknown_column' | 'missing_column' | 'duplicate_column' | 'empty_file' | 'out_of_order' | 'malformed_csv',
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`);
  }
}

export interface Row<T> {
  line: number;
  key: string;
  value: T;
}

export type RejectFn = (file: string, line: number, reason: RejectReason, field: string | null) => void;

interface RawRecord {
  record: string[];
  info: { lines: number };
}

export class OdsRowReader<K extends OdsFileKind> {
  readonly spec: OdsFileSpec;
  private readonly stream: ReadStream;
  private readonly parser: Parser;
  private readonly it: AsyncIterator<RawRecord>;
  private columnIndex: number[] | null = null;
  private pending: Row<RowTypes[K]> | null | undefined = undefined; // undefined: not fetched yet
  private lastKey: string | null = null;
  rows = 0;
  accepted = 0;
  rejected = 0;

  constructor(
    kind: K,
    path: string,
    private readonly reject: RejectFn,
    /** Customer-level files must be sorted by key; rows out of order abort the import. */
    private readonly sorted: boolean,
  ) {
    this.spec = odsSpec(kind);
    this.stream = createReadStream(path);
    this.parser = this.stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
    this.it = this.parser[Symbol.asyncIterator]() as AsyncIterator<RawRecord>;
  }

  get bytesRead(): number {
    return this.stream.bytesRead;
  }

  /** Reads and checks the header: exactly the spec's columns, in any order. */
  async open(): Promise<this> {
    const first = await this.nextRaw();
    if (!first) throw new OdsFileError('empty_file', this.spec.file, 'no header row');
    const header = first.record.map((h) => h.trim());
    const seen = new Set<string>();
    for (const h of header) {
      if (!this.spec.columns.includes(h))
        throw new OdsFileError('unknown_column', this.spec.file, `unknown column "${h}"`, first.info.lines);
      if (seen.has(h)) throw new OdsFileError('duplicate_column', this.spec.file, `column "${h}" appears twice`, first.info.lines);
      seen.add(h);
    }
    const missing = this.spec.columns.filter((c) => !seen.has(c));
    if (missing.length > 0)
      throw new OdsFileError('missing_column', this.spec.file, `missing column(s) ${missing.join(', ')}`, first.info.lines);
    this.columnIndex = this.spec.columns.map((c) => header.indexOf(c));
    return this;
  }

  async peek(): Promise<Row<RowTypes[K]> | null> {
    if (this.pending === undefined) this.pending = await this.fetch();
    return this.pending;
  }

  async take(): Promise<Row<RowTypes[K]> | null> {
    const row = await this.peek();
    this.pending = undefined;
    return row;
  }

  close(): void {
    this.stream.destroy();
  }

  private async nextRaw(): Promise<RawRecord | null> {
    try {
      const r = await this.it.next();
      return r.done ? null : r.value;
    } catch (err) {
      // Unbalanced quotes and the like: the file cannot be read on, so the import stops.
      const e = err as { message?: string; lines?: number };
      throw new OdsFileError('malformed_csv', this.spec.file, e.message ?? 'malformed CSV', e.lines);
    }
  }

  private async fetch(): Promise<Row<RowTypes[K]> | null> {
    const index = this.columnIndex;
    if (!index) throw new Error('open() the reader first');
    for (;;) {
      const raw = await this.nextRaw();
      if (!raw) return null;
      const line = raw.info.lines;
      this.rows++;
      // Extra fields are columns the contract doesn't know: the row is refused, not trimmed.
      if (raw.record.length !== index.length) {
        this.rejectRow(line, 'column_count', null);
        continue;
      }
      const fields: Record<string, string> = {};
      this.spec.columns.forEach((c, i) => (fields[c] = raw.record[index[i]!] ?? ''));
      const parsed = parseRow(this.spec.kind as K, fields);
      if (!parsed.ok) {
        this.rejectRow(line, parsed.reason, parsed.field);
        continue;
      }
      const key =
        this.spec.key === 'customer_no'
          ? (parsed.value as { customerNo: string }).customerNo
          : (parsed.value as { idNumber: string }).idNumber;
      if (this.sorted && this.lastKey !== null) {
        if (key === this.lastKey) {
          this.rejectRow(line, 'duplicate_key', this.spec.key);
          continue;
        }
        if (key < this.lastKey) {
          throw new OdsFileError(
            'out_of_order',
            this.spec.file,
            `${this.spec.key} ${key} comes after ${this.lastKey}: the file must be sorted by ${this.spec.key}`,
            line,
          );
        }
      }
      this.lastKey = key;
      this.accepted++;
      return { line, key, value: parsed.value };
    }
  }

  /** Counts a row as rejected (also used by the merge for rows it cannot join). */
  rejectRow(line: number, reason: RejectReason, field: string | null): void {
    this.rejected++;
    this.reject(this.spec.file, line, reason, field);
  }

  /** Moves a row the reader accepted into the rejected count (e.g. no matching customer). */
  unaccept(line: number, reason: RejectReason, field: string | null): void {
    this.accepted--;
    this.rejectRow(line, reason, field);
  }
}

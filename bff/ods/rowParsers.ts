import { checkIdNumber } from '@sunshine/shared';
import { isIsoDate } from './isoDate';
import type { OdsFileKind } from './odsFormat';

/**
 * Validation of one ODS row into typed values. A row is taken whole or rejected whole, with
 * a stable reason id (and the field at fault), never half-used.
 */
export type RejectReason =
  | 'column_count'
  | 'id_format'
  | 'id_birth_date'
  | 'id_checksum'
  | 'invalid_value'
  | 'duplicate_key'
  | 'unknown_customer'
  | 'duplicate_id_number';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; field: string };

export interface CustomerRow {
  customerNo: string;
  idNumber: string;
  name: string;
  phone: string | null;
  openDate: string;
}
export interface DepositRow {
  customerNo: string;
  demand: number;
  time: number;
  avg1y: number;
}
export interface LoanRow {
  customerNo: string;
  count: number;
  balance: number;
  overdueAmount: number;
  overdueDays: number;
  firstLoanDate: string | null;
}
export interface WealthRow {
  customerNo: string;
  balance: number;
}
export interface EbankRow {
  customerNo: string;
  ebank: boolean;
  mobile: boolean;
}
export interface WarningRow {
  customerNo: string;
  score: number;
}
export interface ListRow {
  idNumber: string;
  name: string;
  reason: string | null;
  listedDate: string;
}

export interface RowTypes {
  customers: CustomerRow;
  deposits: DepositRow;
  loans: LoanRow;
  wealth: WealthRow;
  ebank: EbankRow;
  warningScores: WarningRow;
  blacklist: ListRow;
  graylist: ListRow;
  dibao: ListRow;
}

class RowError extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly field: string,
  ) {
    super(`${reason}: ${field}`);
  }
}

type Fields = Record<string, string>;

function get(f: Fields, name: string): string {
  const v = f[name];
  if (v === undefined) throw new RowError('column_count', name);
  return v;
}

function customerNo(f: Fields): string {
  const v = get(f, 'customer_no');
  if (!/^[0-9A-Za-z]{1,32}$/.test(v)) throw new RowError('invalid_value', 'customer_no');
  return v;
}

function idNumber(f: Fields): string {
  const v = get(f, 'id_number').toUpperCase();
  const problem = checkIdNumber(v);
  if (problem === 'format') throw new RowError('id_format', 'id_number');
  if (problem === 'birth_date') throw new RowError('id_birth_date', 'id_number');
  if (problem === 'checksum') throw new RowError('id_checksum', 'id_number');
  return v;
}

/** Yuan, non-negative, at most two decimals (what the database can hold exactly enough). */
function amount(f: Fields, name: string): number {
  const v = get(f, name);
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(v)) throw new RowError('invalid_value', name);
  return Number(v);
}

function count(f: Fields, name: string, max = 999_999): number {
  const v = get(f, name);
  if (!/^\d{1,7}$/.test(v) || Number(v) > max) throw new RowError('invalid_value', name);
  return Number(v);
}

function flag(f: Fields, name: string): boolean {
  const v = get(f, name);
  if (v !== 'Y' && v !== 'N') throw new RowError('invalid_value', name);
  return v === 'Y';
}

function date(f: Fields, name: string, optional = false): string | null {
  const v = get(f, name);
  if (v === '' && optional) return null;
  if (!isIsoDate(v)) throw new RowError('invalid_value', name);
  return v;
}

function text(f: Fields, name: string, optional = false): string | null {
  const v = get(f, name).trim();
  if (v === '' && optional) return null;
  if (v === '' || v.length > 64) throw new RowError('invalid_value', name);
  return v;
}

function phone(f: Fields): string | null {
  const v = get(f, 'phone');
  if (v === '') return null;
  if (!/^1\d{10}$/.test(v)) throw new RowError('invalid_value', 'phone');
  return v;
}

const PARSERS: { [K in OdsFileKind]: (f: Fields) => RowTypes[K] } = {
  customers: (f) => ({
    customerNo: customerNo(f),
    idNumber: idNumber(f),
    name: text(f, 'name')!,
    phone: phone(f),
    openDate: date(f, 'open_date')!,
  }),
  deposits: (f) => ({
    customerNo: customerNo(f),
    demand: amount(f, 'demand_balance'),
    time: amount(f, 'time_balance'),
    avg1y: amount(f, 'avg_balance_1y'),
  }),
  loans: (f) => ({
    customerNo: customerNo(f),
    count: count(f, 'loan_count'),
    balance: amount(f, 'loan_balance'),
    overdueAmount: amount(f, 'overdue_amount'),
    overdueDays: count(f, 'overdue_days', 100_000),
    firstLoanDate: date(f, 'first_loan_date', true),
  }),
  wealth: (f) => ({ customerNo: customerNo(f), balance: amount(f, 'wealth_balance') }),
  ebank: (f) => ({ customerNo: customerNo(f), ebank: flag(f, 'ebank_signed'), mobile: flag(f, 'mobile_banking_signed') }),
  warningScores: (f) => ({ customerNo: customerNo(f), score: count(f, 'warning_score', 100) }),
  blacklist: (f) => ({
    idNumber: idNumber(f),
    name: text(f, 'name')!,
    reason: text(f, 'reason', true),
    listedDate: date(f, 'listed_date')!,
  }),
  graylist: (f) => ({
    idNumber: idNumber(f),
    name: text(f, 'name')!,
    reason: text(f, 'reason', true),
    listedDate: date(f, 'listed_date')!,
  }),
  dibao: (f) => ({ idNumber: idNumber(f), name: text(f, 'name')!, reason: null, listedDate: date(f, 'listed_date')! }),
};

export function parseRow<K extends OdsFileKind>(kind: K, fields: Fields): Parsed<RowTypes[K]> {
  try {
    return { ok: true, value: (PARSERS[kind] as (f: Fields) => RowTypes[K])(fields) };
  } catch (err) {
    if (err instanceof RowError) return { ok: false, reason: err.reason, field: err.field };
    throw err;
  }
}

/**
 * The T+1 ODS batch of one business date: a directory `<dir>/<YYYY-MM-DD>/` of CSV files
 * (UTF-8, header row, comma-separated, RFC 4180 quoting). Shared by the importer and the demo
 * generator so that the two can never disagree about a column.
 *
 * Customer-level files carry one row per customer and MUST be sorted by `customer_no`
 * (byte order, as the unload job's ORDER BY produces): the importer joins them with a
 * streaming merge instead of holding a whole day in memory. List files are keyed by ID
 * number (people on a list need not be customers) and may come in any order.
 *
 * Amounts are yuan with up to two decimals; flags are Y/N; dates YYYY-MM-DD.
 */
export type OdsFileKind = 'customers' | 'deposits' | 'loans' | 'wealth' | 'ebank' | 'warningScores' | 'blacklist' | 'graylist' | 'dibao';

export interface OdsFileSpec {
  kind: OdsFileKind;
  file: string;
  key: 'customer_no' | 'id_number';
  columns: readonly string[];
}

export const ODS_FILES: readonly OdsFileSpec[] = [
  { kind: 'customers', file: 'customers.csv', key: 'customer_no', columns: ['customer_no', 'id_number', 'name', 'phone', 'open_date'] },
  {
    kind: 'deposits',
    file: 'deposits.csv',
    key: 'customer_no',
    columns: ['customer_no', 'demand_balance', 'time_balance', 'avg_balance_1y'],
  },
  {
    kind: 'loans',
    file: 'loans.csv',
    key: 'customer_no',
    columns: ['customer_no', 'loan_count', 'loan_balance', 'overdue_amount', 'overdue_days', 'first_loan_date'],
  },
  { kind: 'wealth', file: 'wealth.csv', key: 'customer_no', columns: ['customer_no', 'wealth_balance'] },
  { kind: 'ebank', file: 'ebank.csv', key: 'customer_no', columns: ['customer_no', 'ebank_signed', 'mobile_banking_signed'] },
  { kind: 'warningScores', file: 'warning_scores.csv', key: 'customer_no', columns: ['customer_no', 'warning_score'] },
  { kind: 'blacklist', file: 'blacklist.csv', key: 'id_number', columns: ['id_number', 'name', 'reason', 'listed_date'] },
  { kind: 'graylist', file: 'graylist.csv', key: 'id_number', columns: ['id_number', 'name', 'reason', 'listed_date'] },
  { kind: 'dibao', file: 'dibao.csv', key: 'id_number', columns: ['id_number', 'name', 'listed_date'] },
];

export function odsSpec(kind: OdsFileKind): OdsFileSpec {
  const spec = ODS_FILES.find((f) => f.kind === kind);
  if (!spec) throw new Error(`unknown ODS file kind ${kind}`);
  return spec;
}

/** One CSV field, quoted only when it must be. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number)[]): string {
  return values.map(csvField).join(',') + '\n';
}

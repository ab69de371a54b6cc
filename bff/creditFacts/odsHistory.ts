import type { Models } from '../models';
import type { OdsSnapshotDoc } from '../models/OdsSnapshot';
import { addMonths } from './chinaDate';

/**
 * The ODS snapshots a credit decision reads, each fetched by its `_id` (`<date>|<idIndex>`)
 * alone. On FerretDB 1.24 only a single-`_id` equality is a key lookup: a find by `idIndex`,
 * and even `_id: {$in: [...]}`, scan the whole snapshot collection (measured on the 50,000-
 * household demo bank: minutes per query under load, see bench/credit-evaluation/RESULTS.md).
 *
 * - the applicant: the latest imported date, plus the last imported date of each of the 24
 *   months before asOf (arrears history). Month-end sampling bounds a decision to 25 lookups
 *   with daily imports; an arrears episode that began and ended within one month is not seen
 *   (the episode count is an approximation anyway, see assembleFacts.ts);
 * - the other members: the latest date only (the household's loans at this bank).
 */
export interface OdsHistory {
  /** The applicant's snapshots, oldest first. */
  applicant: OdsSnapshotDoc[];
  /** The latest snapshot of each other member who has one. */
  others: OdsSnapshotDoc[];
}

/** Imported dates change once a day; a minute-old list is fresh enough for a decision. */
const DATES_TTL_MS = 60_000;
const datesCache = new WeakMap<object, { at: number; dates: string[] }>();
/** Lookups in flight per evaluation: FerretDB's PostgreSQL pool (50) is shared by every request. */
const PARALLEL_LOOKUPS = 6;

async function importedDates(models: Pick<Models, 'OdsImport'>): Promise<string[]> {
  const hit = datesCache.get(models.OdsImport);
  if (hit && Date.now() - hit.at < DATES_TTL_MS) return hit.dates;
  const rows = await models.OdsImport.find({ status: 'completed' }, { _id: 1 }).lean<{ _id: string }[]>();
  const dates = rows.map((r) => r._id).sort();
  // An empty list is not kept: the first import of a new installation counts at once.
  if (dates.length) datesCache.set(models.OdsImport, { at: Date.now(), dates });
  return dates;
}

/** Drops the cached list of imported dates (after an import in this process, e.g. tests). */
export function forgetImportedDates(models: Pick<Models, 'OdsImport'>): void {
  datesCache.delete(models.OdsImport);
}

/** The latest date of each month, and the latest date overall, among `dates` (sorted). */
export function sampleDates(dates: string[]): string[] {
  const lastOfMonth = new Map<string, string>();
  for (const d of dates) lastOfMonth.set(d.slice(0, 7), d);
  return [...lastOfMonth.values()];
}

export async function loadOdsHistory(
  models: Pick<Models, 'OdsImport' | 'OdsSnapshot'>,
  applicantIndex: string,
  otherIndexes: string[],
  asOf: string,
): Promise<OdsHistory> {
  const since = addMonths(asOf, -24);
  const dates = (await importedDates(models)).filter((d) => d > since && d <= asOf);
  const latest = dates[dates.length - 1];
  if (!latest) return { applicant: [], others: [] };
  const ids = [...sampleDates(dates).map((d) => `${d}|${applicantIndex}`), ...otherIndexes.map((ix) => `${latest}|${ix}`)];
  const rows: OdsSnapshotDoc[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL_LOOKUPS) {
    const batch = await Promise.all(ids.slice(i, i + PARALLEL_LOOKUPS).map((id) => models.OdsSnapshot.findById(id).lean<OdsSnapshotDoc>()));
    for (const row of batch) if (row) rows.push(row);
  }
  const applicant = rows.filter((r) => r.idIndex === applicantIndex).sort((a, b) => (a.businessDate < b.businessDate ? -1 : 1));
  const others = rows.filter((r) => r.idIndex !== applicantIndex);
  return { applicant, others };
}

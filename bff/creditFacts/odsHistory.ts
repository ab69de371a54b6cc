import mongoose from 'mongoose';
import type { Models } from '../models';
import type { OdsSnapshotDoc } from '../models/OdsSnapshot';
import { addMonths } from './chinaDate';

/**
 * The ODS snapshots a credit decision reads, fetched by `_id` only (`<date>|<idIndex>`), since
 * a find by `idIndex` would scan the snapshot collection on FerretDB:
 * - the applicant's snapshots of every imported business date in the 24 months before asOf
 *   (arrears history, latest balances and flags);
 * - the other members' snapshots of the latest date (the household's loans at this bank).
 */
export interface OdsHistory {
  /** The applicant's snapshots, oldest first. */
  applicant: OdsSnapshotDoc[];
  /** The latest snapshot of each other member who has one. */
  others: OdsSnapshotDoc[];
}

export async function loadOdsHistory(
  models: Pick<Models, 'OdsImport' | 'OdsSnapshot'>,
  applicantIndex: string,
  otherIndexes: string[],
  asOf: string,
): Promise<OdsHistory> {
  const since = addMonths(asOf, -24);
  const imports = await models.OdsImport.find({ status: 'completed' }, { _id: 1 }).lean<{ _id: string }[]>();
  const dates = imports
    .map((i) => i._id)
    .filter((d) => d > since && d <= asOf)
    .sort();
  const latest = dates[dates.length - 1];
  if (!latest) return { applicant: [], others: [] };
  const ids = [...dates.map((d) => `${d}|${applicantIndex}`), ...otherIndexes.map((ix) => `${latest}|${ix}`)];
  const rows = await models.OdsSnapshot.find({ _id: mongoose.trusted({ $in: ids }) }).lean<OdsSnapshotDoc[]>();
  const applicant = rows.filter((r) => r.idIndex === applicantIndex).sort((a, b) => (a.businessDate < b.businessDate ? -1 : 1));
  const others = rows.filter((r) => r.idIndex !== applicantIndex);
  return { applicant, others };
}

import type { Models } from '../models';
import type { OdsSnapshotDoc } from '../models/OdsSnapshot';
import { addMonths } from './chinaDate';

/**
 * The applicant's ODS snapshots of the 24 months before asOf, oldest first: the latest one
 * gives balances, lists and the warning score, the series the arrears history.
 *
 * One query by the ID blind index. On MongoDB it uses the `{idIndex, businessDate}` index. On
 * FerretDB 1.24 every read filter, `_id` equality included, becomes a jsonb containment scan of
 * the collection (measured on the 50,000-household demo bank: ~1.5 s per query, see
 * bench/credit-evaluation/RESULTS.md), and an `$in` or a range is not pushed down at all (every
 * document is decoded): so one equality query, with the dates filtered here, rather than one
 * lookup per business date.
 */
export async function loadOdsHistory(models: Pick<Models, 'OdsSnapshot'>, idIndex: string, asOf: string): Promise<OdsSnapshotDoc[]> {
  const since = addMonths(asOf, -24);
  const rows = await models.OdsSnapshot.find({ idIndex }).lean<OdsSnapshotDoc[]>();
  return rows.filter((r) => r.businessDate > since && r.businessDate <= asOf).sort((a, b) => (a.businessDate < b.businessDate ? -1 : 1));
}

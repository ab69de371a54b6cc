/**
 * What one credit evaluation's reads cost on FerretDB 1.24 with the 50,000-household demo bank:
 * a household by `_id`, a snapshot by `_id`, a person's snapshots by `idIndex` (what
 * bff/creditFacts/odsHistory.ts does), each timed alone, three times.
 *
 *   npx tsx bench/credit-evaluation/probe.ts [mongodb://127.0.0.1:27017/bench50k]
 *
 * Read-only, and it counts nothing: `estimatedDocumentCount` decodes the whole collection on
 * FerretDB 1.24 (over 6 minutes on the snapshots under load). (An `_id: {$in: [...]}` read is deliberately not probed: FerretDB 1.24 does not push
 * it down, it decodes the whole collection, and 50 of them held the shared pool for 23 minutes.)
 */
import { loadavg } from 'node:os';
import mongoose from 'mongoose';

const URI = process.argv[2] ?? 'mongodb://127.0.0.1:27017/bench50k';

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  let result: T | undefined;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await run();
    times.push(Math.round(performance.now() - t));
  }
  console.log(`${label.padEnd(44)} ${times.join(' / ')} ms`);
  return result as T;
}

async function main() {
  console.log(
    `${new Date().toISOString()} load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  const conn = await mongoose.createConnection(URI, { serverSelectionTimeoutMS: 5000 }).asPromise();
  const db = conn.db!;
  const hh = (await db.collection('households').findOne({}, { projection: { members: 1 } })) as any;
  const idIndex: string = hh.members[0].idIndex;
  const dates = (
    await db
      .collection('odsimports')
      .find({}, { projection: { _id: 1 } })
      .toArray()
  )
    .map((d) => String(d._id))
    .sort();
  console.log(`${dates.length} ODS dates`);
  await timed('households.findOne({_id})', () => db.collection('households').findOne({ _id: hh._id }));
  await timed('odssnapshots.findOne({_id: <date>|<idIndex>})', () =>
    db.collection('odssnapshots').findOne({ _id: `${dates.at(-1)}|${idIndex}` as never }),
  );
  const rows = await timed('odssnapshots.find({idIndex}).toArray()', () => db.collection('odssnapshots').find({ idIndex }).toArray());
  console.log(`  → ${rows.length} snapshots of that person`);
  await conn.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * Insert throughput of FerretDB for visit documents: 64 writers doing insertOne, against
 * batched insertMany (what bff/models/insertBatcher.ts does). Writes copies of an existing
 * visit (fresh _ids) into bench50k's visits collection.
 *
 *   npx tsx bench/visit-submit/insertProbe.ts
 */
import { connectDatabase } from '../../bff/src/db';
import { createModels } from '../../bff/models';
import { Types } from 'mongoose';
async function main() {
  const conn = await connectDatabase('mongodb://127.0.0.1:27017/bench50k');
  const models = createModels(conn);
  const v = await models.Visit.findOne({}).lean();
  const coll = models.Visit.collection;
  const run = async (label: string, conc: number, batch: number, secs = 8) => {
    let n = 0;
    const lat: number[] = [];
    const end = Date.now() + secs * 1000;
    await Promise.all(
      Array.from({ length: conc }, async () => {
        while (Date.now() < end) {
          const s = performance.now();
          const docs = Array.from({ length: batch }, () => ({ ...v, _id: new Types.ObjectId() }));
          if (batch === 1) await coll.insertOne(docs[0]!);
          else await coll.insertMany(docs, { ordered: false });
          lat.push(performance.now() - s);
          n += batch;
        }
      }),
    );
    lat.sort((a, b) => a - b);
    console.log(
      label,
      'docs/s',
      (n / secs).toFixed(0),
      'op p50',
      lat[Math.floor(lat.length / 2)]!.toFixed(1),
      'p95',
      lat[Math.floor(lat.length * 0.95)]!.toFixed(1),
    );
  };
  await run('insertOne x64', 64, 1);
  await run('insertMany(16) x4', 4, 16);
  await run('insertMany(64) x1', 1, 64);
  await conn.close();
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

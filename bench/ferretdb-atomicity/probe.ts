/**
 * Probes which writes the MongoDB-wire server applies atomically under concurrency.
 * Run: npx tsx bench/ferretdb-atomicity/probe.ts [mongodb://127.0.0.1:27017]
 * It creates and drops its own database.
 */
import mongoose from 'mongoose';

async function main(): Promise<void> {
  const base = process.argv[2] ?? 'mongodb://127.0.0.1:27017';
  const conn = await mongoose.createConnection(`${base}/atomicity_probe_${Date.now()}`, { retryWrites: false }).asPromise();
  const c = conn.db!.collection<{ _id: string; n?: number; version?: number; v?: string }>('probe');

  await c.insertOne({ _id: 'counter', n: 0 });
  await Promise.all(Array.from({ length: 100 }, () => c.updateOne({ _id: 'counter' }, { $inc: { n: 1 } })));
  console.log(`100 concurrent updateOne $inc        → n = ${(await c.findOne({ _id: 'counter' }))!.n} (atomic: 100)`);

  await c.insertOne({ _id: 'counter2', n: 0 });
  await Promise.all(Array.from({ length: 100 }, () => c.findOneAndUpdate({ _id: 'counter2' }, { $inc: { n: 1 } })));
  console.log(`100 concurrent findOneAndUpdate $inc → n = ${(await c.findOne({ _id: 'counter2' }))!.n} (atomic: 100)`);

  let bothWon = 0;
  const trials = 40;
  for (let i = 0; i < trials; i++) {
    const id = `cas${i}`;
    await c.insertOne({ _id: id, version: 1 });
    const rs = await Promise.all(['a', 'b'].map((v) => c.updateOne({ _id: id, version: 1 }, { $set: { v }, $inc: { version: 1 } })));
    if (rs.every((r) => r.modifiedCount === 1)) bothWon++;
  }
  console.log(`2 concurrent updateOne({_id, version:1}) → both "modified" in ${bothWon} of ${trials} trials (atomic: 0)`);

  let inserted = 0;
  const results = await Promise.allSettled(Array.from({ length: 20 }, () => c.insertOne({ _id: 'claim' })));
  inserted = results.filter((r) => r.status === 'fulfilled').length;
  console.log(`20 concurrent insertOne same _id      → ${inserted} succeeded (atomic: 1)`);

  await conn.dropDatabase();
  await conn.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

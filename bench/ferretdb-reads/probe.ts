/**
 * Times the read shapes the household list and /me use, on the 50,000-household demo
 * database (`npm start` seeds it). Run: npx tsx bench/ferretdb-reads/probe.ts [mongodb://127.0.0.1:27017/sunshine]
 */
import mongoose from 'mongoose';
(async () => {
  const conn = await mongoose.createConnection(process.argv[2] ?? 'mongodb://127.0.0.1:27017/sunshine').asPromise();
  const c = conn.db!.collection('households');
  const t = async (label: string, f: () => Promise<unknown>) => {
    const s = Date.now();
    const r = await f();
    console.log(label, Date.now() - s, 'ms', Array.isArray(r) ? r.length : r);
  };
  await t('find limit 20 no sort', () => c.find({}).limit(20).toArray());
  await t('find sort _id limit 20', () => c.find({}).sort({ _id: 1 }).limit(20).toArray());
  await t('find branch sort _id limit 20', () => c.find({ branchId: '01' }).sort({ _id: 1 }).limit(20).toArray());
  await t('find branch no sort limit 20', () => c.find({ branchId: '01' }).limit(20).toArray());
  await t('count all', () => c.countDocuments({}));
  await t('estimated count', () => c.estimatedDocumentCount());
  await t('count branch', () => c.countDocuments({ branchId: '01' }));
  await t('find branch sort householdNo limit 20', () => c.find({ branchId: '01' }).sort({ householdNo: 1 }).limit(20).toArray());
  process.exit(0);
})();

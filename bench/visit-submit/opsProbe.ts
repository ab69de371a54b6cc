/**
 * Single-operation times on bench50k, one after another (20 each, p50 and max): the reads and
 * writes a visit submit and a portrait miss make. Inserts one visit copy per round.
 *
 *   npx tsx bench/visit-submit/opsProbe.ts
 */
import { connectDatabase } from '../../bff/src/db';
import { createModels } from '../../bff/models';
import mongoose, { Types } from 'mongoose';
async function main() {
  const conn = await connectDatabase('mongodb://127.0.0.1:27017/bench50k');
  const models = createModels(conn);
  const hh = await models.Household.find({}, { _id: 1 }).limit(200).lean();
  const t = async (label: string, f: () => Promise<unknown>, n = 20) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await f();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(label, 'p50', times[Math.floor(n / 2)]!.toFixed(1), 'max', times.at(-1)!.toFixed(1));
  };
  let i = 0;
  await t('household findById', () => models.Household.findById(hh[i++ % 200]!._id).lean());
  await t('household updateOne _id', () =>
    models.Household.updateOne({ _id: hh[i++ % 200]!._id }, { $set: { nextFollowUp: '2026-12-09' } }),
  );
  await t('visit findById', () => models.Visit.findById(new Types.ObjectId()).lean());
  const v = await models.Visit.findOne({}).lean();
  await t('visit insert', () => models.Visit.create({ ...v, _id: new Types.ObjectId() }));
  await t('photo find $in', () => models.Photo.find({ _id: mongoose.trusted({ $in: [new Types.ObjectId()] }) }).lean());
  await t('ods find idIndex', async () => {
    const m = (await models.Household.findById(hh[i++ % 200]!._id).lean())!.members[0]!;
    return models.OdsSnapshot.find({ idIndex: m.idIndex }).lean();
  });
  await t('portrait findById', () => models.HouseholdPortrait.findOne({ householdId: hh[i++ % 200]!._id }).lean());
  await conn.close();
}
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

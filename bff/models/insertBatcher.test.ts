import mongoose, { Schema, type Model } from 'mongoose';
import { openTestDatabase, type TestDatabase } from '../testing/testDb';
import { InsertBatcher } from './insertBatcher';

const probeSchema = new Schema(
  { _id: String, kind: { type: String, enum: ['a', 'b'], required: true }, n: { type: Number, default: 7 } },
  { timestamps: true },
);

function buildProbe(overrides: Record<string, unknown> = {}) {
  return { _id: `p-${Math.random().toString(36).slice(2)}`, kind: 'a', ...overrides };
}

/** Against the real FerretDB: outcomes per caller, batching, and what a caller gets back. */
describe('InsertBatcher', () => {
  let db: TestDatabase;
  let Probe: Model<any>;

  beforeAll(async () => {
    db = await openTestDatabase('batcher');
    Probe = db.conn.model('Probe', probeSchema);
    await Probe.init();
  });
  afterAll(() => db.drop());

  it('shares round trips among concurrent inserts, and each caller gets its own outcome', async () => {
    const batcher = new InsertBatcher(Probe, 2, 64);
    const spy = jest.spyOn(Probe.collection, 'insertMany');
    const taken = buildProbe();
    await Probe.create(taken);
    const docs = Array.from({ length: 40 }, () => buildProbe());
    const results = await Promise.all([...docs, taken, docs[3]!].map((d) => batcher.insert(d)));
    expect(results.map((r) => r.outcome)).toEqual([...docs.map(() => 'inserted'), 'duplicate', 'duplicate']);
    // 42 inserts in at most 2 in flight: the first two go out alone, the rest coalesce.
    expect(spy.mock.calls.length).toBeLessThanOrEqual(4);
    spy.mockRestore();
    expect(await Probe.countDocuments({ _id: mongoose.trusted({ $in: docs.map((d) => d._id) }) })).toBe(40);
  });

  it('applies the schema as create would: defaults, timestamps, validation before anything is sent', async () => {
    const batcher = new InsertBatcher(Probe);
    const { doc, outcome } = await batcher.insert<{ n: number; createdAt: Date }>(buildProbe());
    expect(outcome).toBe('inserted');
    expect(doc.n).toBe(7);
    expect(doc.createdAt).toBeInstanceOf(Date);
    const bad = buildProbe({ kind: 'z' });
    await expect(batcher.insert(bad)).rejects.toThrow(/kind/);
    expect(await Probe.exists({ _id: bad._id })).toBeNull();
  });
});

import { Schema, type InferSchemaType } from 'mongoose';

const dayFiguresSchema = new Schema(
  {
    day: { type: String, required: true },
    visited: { type: Number, default: 0 },
    filed: { type: Number, default: 0 },
    evaluated: { type: Number, default: 0 },
    approved: { type: Number, default: 0 },
    synced: { type: Number, default: 0 },
    signed: { type: Number, default: 0 },
    used: { type: Number, default: 0 },
    approvedLimit: { type: Number, default: 0 },
    signedLimit: { type: Number, default: 0 },
    drawnAmount: { type: Number, default: 0 },
  },
  { _id: false },
);

/**
 * The funnel's precomputed rollup: one document per month, branch, village and manager
 * (`_id` `<YYYY-MM>|<branch>|<village>|<manager>`), holding that cell's figures per China-time
 * day. The report reads only these, by month (and branch): a head-office month is a few hundred
 * small documents instead of a scan of households and visits, which FerretDB 1.24 streams
 * whole. A month per document, not a day, keeps that count ~30 times smaller; days stay inside
 * so any period can be cut out.
 *
 * Always recomputed from its FunnelMarks (replaceOne), never `$inc`ed: FerretDB 1.x applies
 * concurrent increments last-writer-wins, and a recompute is idempotent after a crash.
 */
export const funnelRollupSchema = new Schema(
  {
    _id: { type: String, required: true },
    month: { type: String, required: true },
    branchId: { type: String, required: true },
    villageCode: { type: String, required: true },
    managerId: { type: String, required: true },
    days: { type: [dayFiguresSchema], default: [] },
    computedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
funnelRollupSchema.index({ month: 1, branchId: 1 });

export type FunnelRollupDoc = InferSchemaType<typeof funnelRollupSchema>;
export type FunnelDayFigures = InferSchemaType<typeof dayFiguresSchema>;

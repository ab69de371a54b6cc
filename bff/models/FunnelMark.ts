import { Schema, type InferSchemaType, type Types } from 'mongoose';

/** What a mark records: a household's first reach of a funnel stage, or one V7 drawdown (money only). */
export const FUNNEL_MARK_KINDS = ['visited', 'filed', 'evaluated', 'approved', 'synced', 'signed', 'used', 'drawdown'] as const;
export type FunnelMarkKind = (typeof FUNNEL_MARK_KINDS)[number];

/**
 * The claim that a household first reached a funnel stage: `_id` is `<stage>:<householdId>`,
 * so the first insert wins and every later event of the same stage is a duplicate key (11000),
 * never a second count. A drawdown mark (`drawdown:<applicationId>:<drawdownId>`) carries the
 * money of one V7 drawdown, once however often V7 redelivers it.
 *
 * A mark is written once and never edited by the business path (FerretDB 1.x updates are
 * last-writer-wins; only inserts decide). The attribution (day, branch, village, manager) is
 * the household's at the moment it reached the stage, so a later transfer does not rewrite
 * history. `rolledUp` is false until the flusher has counted the mark into its FunnelRollup
 * (bff/funnel/funnelRollup.ts), which makes the rollup durable across crashes and Redis loss.
 */
export const funnelMarkSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: FUNNEL_MARK_KINDS, required: true },
    householdId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    /** China-time day of `at`, YYYY-MM-DD. */
    day: { type: String, required: true },
    branchId: { type: String, required: true },
    villageCode: { type: String, required: true },
    managerId: { type: String, required: true },
    /** Yuan: the approved limit, the signed limit, or the drawdown amount; null for count-only stages. */
    amount: { type: Number, default: null },
    /** The FunnelRollup document this mark is counted in: `<YYYY-MM>|<branch>|<village>|<manager>`. */
    rollupId: { type: String, required: true, index: true },
    rolledUp: { type: Boolean, required: true, index: true },
    /** The business record that established the mark (`visit:<id>`, `application:<id>`…), for audits. */
    source: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type FunnelMarkDoc = InferSchemaType<typeof funnelMarkSchema> & { householdId: Types.ObjectId };

import { Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * The ODS part of a household's portrait, precomputed by the post-import step
 * (bff/ods/buildHouseholdPortraits.ts): each member's figures on the newest business date and
 * the household's totals over every imported date (the chart). Reading this one document
 * replaces reading members × dates OdsSnapshot documents, each of which is a collection scan
 * on FerretDB 1.24.
 *
 * - `_id` is `<build>|<householdId>`: a rebuild inserts a complete new build, then deletes the
 *   older ones, so a reader always finds at least one complete document (no transactions, and
 *   FerretDB's updates are a scan each: 50,000 upserts would take half an hour).
 *   `build` is `<businessDate>@<13-digit epoch ms>`, so the newest build sorts last.
 * - Members are keyed by their ID blind index, never an ID number. Names and masks come from
 *   the household at read time, so an edited file shows at once.
 * - Visits and the credit status are not stored here: they change during the day and are read
 *   with the household (bff/commands/readHouseholdPortrait.ts).
 */
const figuresSchema = new Schema(
  {
    deposit: { demand: Number, time: Number, total: Number, avg1y: Number },
    loan: { count: Number, balance: Number, overdueAmount: Number, overdueDays: Number },
    wealth: { balance: Number },
    ebank: { ebank: Boolean, mobile: Boolean },
  },
  { _id: false },
);

const memberOdsSchema = new Schema(
  {
    idIndex: { type: String, required: true },
    figures: { type: figuresSchema, required: true },
    lists: { blacklist: Boolean, graylist: Boolean, dibao: Boolean },
    warningScore: { type: Number, default: null },
  },
  { _id: false },
);

export const householdPortraitSchema = new Schema(
  {
    _id: { type: String, required: true },
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    build: { type: String, required: true, index: true },
    businessDate: { type: String, required: true },
    members: { type: [memberOdsSchema], default: [] },
    series: {
      dates: { type: [String], default: [] },
      deposits: { type: [Number], default: [] },
      loans: { type: [Number], default: [] },
      wealth: { type: [Number], default: [] },
    },
    builtAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type HouseholdPortraitDoc = InferSchemaType<typeof householdPortraitSchema> & { householdId: Types.ObjectId };

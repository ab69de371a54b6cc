import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One person's standing with the bank on one business date, as the T+1 ODS files reported it:
 * deposits, loans and arrears, wealth management, e-banking signings, list flags and the
 * internal warning score. Built for the customer portrait (a person's history over dates) and
 * for the credit facts (arrears, lists, average deposits at the date of a decision).
 *
 * - Keyed by the ID number's blind index (`idIndex`), the same HMAC the household members
 *   carry: that is the link to households, without an ID number in clear anywhere.
 *   `_id` is `<businessDate>|<idIndex>`, so re-importing a date rebuilds the same documents.
 * - People on a list who are not customers get a document too (customerNo null).
 * - No timestamps and no version key: importing the same files again must reproduce the
 *   documents exactly; when a row was imported lives on the OdsImport of its date.
 * - Money is yuan with at most two decimals (no Decimal128 on FerretDB); absent products are
 *   zeros, not nulls, so `$sum` aggregations need no special cases.
 */
export const odsSnapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    businessDate: { type: String, required: true },
    idIndex: { type: String, required: true },
    idMasked: { type: String, required: true },
    customerNo: { type: String, default: null },
    openDate: { type: String, default: null },
    deposit: {
      demand: { type: Number, default: 0 },
      time: { type: Number, default: 0 },
      total: { type: Number, default: 0 },
      avg1y: { type: Number, default: 0 },
    },
    loan: {
      count: { type: Number, default: 0 },
      balance: { type: Number, default: 0 },
      overdueAmount: { type: Number, default: 0 },
      overdueDays: { type: Number, default: 0 },
      firstLoanDate: { type: String, default: null },
    },
    wealth: { balance: { type: Number, default: 0 } },
    ebank: {
      ebank: { type: Boolean, default: false },
      mobile: { type: Boolean, default: false },
    },
    warningScore: { type: Number, default: null },
    lists: {
      blacklist: { type: Boolean, default: false },
      graylist: { type: Boolean, default: false },
      dibao: { type: Boolean, default: false },
      blacklistReason: { type: String, default: null },
      graylistReason: { type: String, default: null },
    },
    /** Which files had a row for this person on this date (customers, deposits, ...). */
    sources: { type: [String], default: [] },
  },
  { versionKey: false },
);
odsSnapshotSchema.index({ idIndex: 1, businessDate: 1 }, { unique: true });
odsSnapshotSchema.index({ businessDate: 1, customerNo: 1 });

export type OdsSnapshotDoc = InferSchemaType<typeof odsSnapshotSchema>;

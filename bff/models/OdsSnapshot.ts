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
 * - Nested blocks are always present (zeros for a product the person doesn't hold).
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
      type: new Schema(
        {
          demand: { type: Number, required: true },
          time: { type: Number, required: true },
          total: { type: Number, required: true },
          avg1y: { type: Number, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    loan: {
      type: new Schema(
        {
          count: { type: Number, required: true },
          balance: { type: Number, required: true },
          overdueAmount: { type: Number, required: true },
          overdueDays: { type: Number, required: true },
          firstLoanDate: { type: String, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
    wealth: { type: new Schema({ balance: { type: Number, required: true } }, { _id: false }), required: true },
    ebank: {
      type: new Schema(
        {
          ebank: { type: Boolean, required: true },
          mobile: { type: Boolean, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    warningScore: { type: Number, default: null },
    lists: {
      type: new Schema(
        {
          blacklist: { type: Boolean, required: true },
          graylist: { type: Boolean, required: true },
          dibao: { type: Boolean, required: true },
          blacklistReason: { type: String, default: null },
          graylistReason: { type: String, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
    /** Which files had a row for this person on this date (customers, deposits, ...). */
    sources: { type: [String], default: [] },
  },
  { versionKey: false },
);
odsSnapshotSchema.index({ idIndex: 1, businessDate: 1 }, { unique: true });
odsSnapshotSchema.index({ businessDate: 1, customerNo: 1 });

export type OdsSnapshotDoc = InferSchemaType<typeof odsSnapshotSchema>;

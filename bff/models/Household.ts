import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { RELATIONS, EDUCATIONS, MARITAL_STATUSES } from '@sunshine/shared';

/**
 * 一户一档: one document per household, members and money embedded, so that every edit is a
 * single-document atomic write (the database has no transactions) guarded by `version`.
 *
 * ID numbers and phones are C2 data: stored only as AES-256-GCM ciphertext (`*Cipher`), an
 * HMAC blind index for exact lookup (`*Index`) and the display mask (`*Masked`), never in clear.
 */
const memberSchema = new Schema({
  relation: { type: String, enum: RELATIONS, required: true },
  name: { type: String, required: true },
  idCipher: { type: String, required: true },
  idIndex: { type: String, required: true },
  idMasked: { type: String, required: true },
  phoneCipher: { type: String, default: null },
  phoneIndex: { type: String, default: null },
  phoneMasked: { type: String, default: null },
  gender: { type: String, enum: ['male', 'female'], required: true },
  birthDate: { type: String, required: true },
  education: { type: String, enum: EDUCATIONS, required: true },
  maritalStatus: { type: String, enum: MARITAL_STATUSES, required: true },
  occupation: { type: String, default: '' },
});

const houseSchema = new Schema(
  {
    kind: { type: String, enum: ['main', 'side', 'flat'], required: true },
    structure: { type: String, default: '' },
    rooms: { type: Number, default: 0 },
    estate: { type: String, default: '' },
    area: { type: Number, default: 0 },
    appraisedValue: { type: Number, default: 0 },
  },
  { _id: false },
);

const valuedItemSchema = new Schema(
  { kind: { type: String, required: true }, count: { type: Number, default: 1 }, value: { type: Number, default: 0 } },
  { _id: false },
);

const debtSchema = new Schema(
  {
    lender: { type: String, required: true },
    kind: { type: String, enum: ['bank_loan', 'credit_loan', 'private', 'other'], required: true },
    balance: { type: Number, required: true },
  },
  { _id: false },
);

export const householdSchema = new Schema(
  {
    householdNo: { type: String, required: true, unique: true },
    villageCode: { type: String, required: true, index: true },
    townCode: { type: String, required: true },
    branchId: { type: String, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
    address: { type: String, required: true },
    headName: { type: String, required: true },
    members: { type: [memberSchema], default: [] },
    finance: {
      annualIncome: { type: Number, default: 0 },
      netIncome: { type: Number, default: 0 },
      perCapitaIncome: { type: Number, default: 0 },
      annualSpending: { type: Number, default: 0 },
      mainBusiness: { type: String, default: '' },
      incomeSource: { type: String, default: '' },
      businessScale: { type: String, default: '' },
      workingCapital: { type: Number, default: 0 },
    },
    assets: {
      houses: { type: [houseSchema], default: [] },
      vehicles: { type: [valuedItemSchema], default: [] },
      machinery: { type: [valuedItemSchema], default: [] },
      livestock: { type: [valuedItemSchema], default: [] },
      landArea: { type: Number, default: 0 }, // 亩 of contracted land
      depositsElsewhere: { type: Number, default: 0 },
      otherAssets: { type: Number, default: 0 },
      totalAssets: { type: Number, default: 0 },
      totalDebt: { type: Number, default: 0 },
      netAssets: { type: Number, default: 0 },
    },
    debts: { type: [debtSchema], default: [] },
    relationship: {
      firstLoanDate: { type: String, default: null },
      defaults: { type: Number, default: 0 },
      avgDailyDeposit1y: { type: Number, default: 0 },
      products: { type: [String], default: [] },
    },
    softInfo: {
      flags: { type: [String], default: [] },
      notes: { type: String, default: '' },
    },
    /** Set by the first verified visit (GCJ-02); later visits are measured against it. */
    geotag: { type: new Schema({ lat: Number, lng: Number, visitId: Schema.Types.ObjectId }, { _id: false }), default: null },
    /** Visit rollup for the visited / not-yet-visited lists (no $lookup in FerretDB 1.x). */
    lastVisitAt: { type: Date, default: null },
    nextFollowUp: { type: String, default: null },
    version: { type: Number, default: 1 },
  },
  { timestamps: true },
);
householdSchema.index({ branchId: 1, villageCode: 1 });
householdSchema.index({ 'members.idIndex': 1 });

export type HouseholdDoc = InferSchemaType<typeof householdSchema> & { _id: Types.ObjectId };

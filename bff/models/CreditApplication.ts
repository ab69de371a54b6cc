import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { APPLICATION_STATUSES, SYNC_STATES } from '@sunshine/shared';

/**
 * A pre-credit application (预授信申请) made from one pass/review evaluation, with its
 * approval trail. Status changes are applied only after the approver won the ApprovalStep
 * claim for that level, so one writer owns the document at a time (FerretDB 1.x updates are
 * last-writer-wins).
 *
 * `sync` is the V7 outbox (FerretDB has no transactions, so it lives in this document): it is
 * written by the same single-document update that sets status `approved`, and the delivery
 * worker and its sweeper read it from here.
 */
const approvalSchema = new Schema(
  {
    level: { type: Number, enum: [1, 2], required: true },
    decision: { type: String, enum: ['approve', 'reject'], required: true },
    userId: { type: String, required: true },
    userName: { type: String, required: true },
    comment: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const syncSchema = new Schema(
  {
    state: { type: String, enum: SYNC_STATES, required: true },
    attempts: { type: Number, required: true },
    /** Sent to V7 with every attempt, so V7 applies the application once however often it arrives. */
    idempotencyKey: { type: String, required: true },
    /** What V7 receives besides the household file: the limit and the process trail, frozen at approval. */
    payload: { type: Schema.Types.Mixed, required: true },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    syncedAt: { type: Date, default: null },
  },
  { _id: false },
);

export const creditApplicationSchema = new Schema(
  {
    evaluationId: { type: Schema.Types.ObjectId, required: true, unique: true },
    householdId: { type: Schema.Types.ObjectId, required: true, index: true },
    householdNo: { type: String, required: true },
    memberId: { type: Schema.Types.ObjectId, required: true },
    memberName: { type: String, required: true },
    idIndex: { type: String, required: true },
    idMasked: { type: String, required: true },
    branchId: { type: String, required: true, index: true },
    managerId: { type: Schema.Types.ObjectId, required: true, index: true },
    submittedBy: { type: String, required: true },
    submittedByName: { type: String, required: true },
    status: { type: String, enum: APPLICATION_STATUSES, required: true, index: true },
    modelVersion: { type: String, required: true },
    decision: { type: String, enum: ['pass', 'review'], required: true },
    grade: { type: String, required: true },
    score: { type: Number, required: true },
    limit: { type: Number, required: true },
    approvalLevels: { type: Number, enum: [1, 2], required: true },
    approvals: { type: [approvalSchema], default: [] },
    decidedAt: { type: Date, default: null },
    sync: { type: syncSchema, default: null },
  },
  { timestamps: true },
);
creditApplicationSchema.index({ branchId: 1, status: 1 });
creditApplicationSchema.index({ 'sync.state': 1, 'sync.nextAttemptAt': 1 });

export type CreditApplicationDoc = InferSchemaType<typeof creditApplicationSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

import { z } from 'zod';
import { objectIdSchema, pageQuerySchema, pageOf } from './common';

/**
 * The credit flow (阳光信贷 pre-credit): evaluations, applications, approvals, replays and
 * human-review requests. One schema per shape, used by the mini program and the BFF.
 * The decision fields follow credit-model-sunshine-v1.md's CreditDecision exactly.
 */

export const CREDIT_DECISIONS = ['pass', 'review', 'reject', 'incomplete'] as const;
export type CreditDecisionOutcome = (typeof CREDIT_DECISIONS)[number];
export const CREDIT_DECISION_LABELS: Record<CreditDecisionOutcome, string> = {
  pass: '通过',
  review: '需人工审核',
  reject: '不通过',
  incomplete: '资料不全',
};

export const CREDIT_GRADES = ['AAA', 'AA', 'A', 'B', 'C'] as const;

/** Chinese names of the reason codes, for lists and filters (the decision carries the full sentence). */
export const CREDIT_REASON_LABELS: Record<string, string> = {
  R01_BLACKLIST: '本行黑名单',
  R02_JUDICIAL: '司法查控',
  R03_SUBSISTENCE: '低保户',
  R04_PROVINCIAL_WARNING: '省联社风险预警',
  R05_INTERNAL_WARNING: '本行风险预警',
  R06_GRAYLIST: '本行灰名单',
  R07_AGE: '年龄',
  R08_OVERDUE: '逾期记录',
  R09_DEBT_RATIO: '资产负债率',
  R10_CHECK_MISSING: '外部查询缺失或过期',
  S01_SCORE_TOO_LOW: '综合评分过低',
  L01_LIMIT_TOO_LOW: '测算额度过低',
};

/** Chinese names of the scorecard factors, in the model's order. */
export const CREDIT_FACTOR_LABELS: Record<string, string> = {
  education: '学历',
  maritalStatus: '婚姻状况',
  age: '年龄',
  netAssets: '净资产',
  annualIncome: '家庭年净收入',
  contribution: '综合贡献',
};

export const CREDIT_LIMIT_PART_LABELS = {
  gradeBase: '评级基础额度',
  assetTerm: '资产项(总资产×10%)',
  incomeTerm: '收入项(年收入×30%)',
  raw: '测算额度',
  cap: '信用额度上限',
  existingCreditLoans: '扣减已有信用贷款',
  final: '预授信额度',
} as const;

export const APPLICATION_STATUSES = ['pending_level1', 'pending_level2', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  pending_level1: '待支行行长审批',
  pending_level2: '待总行授信审批',
  approved: '已审批通过',
  rejected: '已拒绝',
};

export const SYNC_STATES = ['pending', 'synced', 'failed'] as const;
export const SYNC_STATE_LABELS: Record<(typeof SYNC_STATES)[number], string> = {
  pending: '待同步V7',
  synced: '已同步V7',
  failed: '同步失败',
};

// ---- requests ----

export const createEvaluationSchema = z
  .object({
    householdId: objectIdSchema,
    memberId: objectIdSchema.optional().meta({ description: 'defaults to the head of household' }),
  })
  .meta({ id: 'CreateCreditEvaluation' });
export type CreateEvaluation = z.infer<typeof createEvaluationSchema>;

export const createApplicationSchema = z.object({ evaluationId: objectIdSchema }).meta({ id: 'CreateCreditApplication' });
export type CreateApplication = z.infer<typeof createApplicationSchema>;

/** An approver's decision; a comment is required so the trail explains itself. */
export const approvalDecisionSchema = z
  .object({ comment: z.string({ error: '请填写审批意见' }).trim().min(1, '请填写审批意见').max(500, '审批意见过长') })
  .meta({ id: 'CreditApprovalDecision' });
export type ApprovalDecisionInput = z.infer<typeof approvalDecisionSchema>;

export const applicationListQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
});
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const reviewRequestInputSchema = z
  .object({
    /** The customer's words; the manager relays them (PIPL art. 24). */
    reason: z.string({ error: '请填写复核理由' }).trim().min(1, '请填写复核理由').max(500, '复核理由过长'),
  })
  .meta({ id: 'CreditReviewRequestInput' });
export type ReviewRequestInput = z.infer<typeof reviewRequestInputSchema>;

// ---- responses ----

const reasonSchema = z.object({
  code: z.string(),
  outcome: z.enum(['reject', 'incomplete', 'review']),
  message: z.string().meta({ description: 'Chinese, readable to the customer' }),
});

export const limitBreakdownSchema = z.object({
  gradeBase: z.number(),
  assetTerm: z.number(),
  incomeTerm: z.number(),
  raw: z.number(),
  cap: z.number(),
  existingCreditLoans: z.number(),
  final: z.number(),
});

/** The engine's CreditDecision, as credit-model-sunshine-v1.md defines it. */
export const creditDecisionSchema = z.object({
  modelVersion: z.string(),
  decision: z.enum(CREDIT_DECISIONS),
  reasons: z.array(reasonSchema),
  score: z.number(),
  grade: z.enum(CREDIT_GRADES),
  factors: z.array(z.object({ name: z.string(), points: z.number() })),
  limit: z.number(),
  limitBreakdown: limitBreakdownSchema.nullable(),
  approvalLevels: z.union([z.literal(0), z.literal(1), z.literal(2)]),
});

/** One counterfactual: a change to one fact and what the model would then decide. */
export const whatIfSchema = z.object({
  kind: z.string(),
  message: z.string().meta({ description: 'Chinese, e.g. 年净收入达到100000元可加4分' }),
  fact: z.string(),
  from: z.union([z.number(), z.boolean()]),
  to: z.union([z.number(), z.boolean()]),
  result: z.object({ decision: z.enum(CREDIT_DECISIONS), score: z.number(), grade: z.enum(CREDIT_GRADES), limit: z.number() }),
});
export type WhatIf = z.infer<typeof whatIfSchema>;

export const creditEvaluationSchema = creditDecisionSchema
  .extend({
    id: z.string(),
    householdId: z.string(),
    memberId: z.string(),
    memberName: z.string().meta({ description: 'masked' }),
    asOf: z.string(),
    createdAt: z.string(),
    evaluatedBy: z.string(),
    factorsDetail: z.array(z.object({ name: z.string(), label: z.string(), points: z.number() })),
    nextGrade: z.object({ grade: z.enum(CREDIT_GRADES), pointsNeeded: z.number() }).nullable(),
    whatIf: z.array(whatIfSchema),
    v7Checks: z.object({
      provincialWarningCheckedAt: z.string().nullable(),
      judicialCheckedAt: z.string().nullable(),
      source: z.enum(['v7', 'cache', 'unavailable']),
    }),
  })
  .meta({ id: 'CreditEvaluation' });
export type CreditEvaluationView = z.infer<typeof creditEvaluationSchema>;

export const creditApprovalStepSchema = z.object({
  level: z.union([z.literal(1), z.literal(2)]),
  decision: z.enum(['approve', 'reject']),
  userId: z.string(),
  userName: z.string(),
  comment: z.string(),
  at: z.string(),
});

export const creditApplicationSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPLICATION_STATUSES),
    evaluationId: z.string(),
    householdId: z.string(),
    householdNo: z.string(),
    memberName: z.string().meta({ description: 'masked' }),
    idNumber: z.string().meta({ description: 'masked' }),
    branchId: z.string(),
    managerId: z.string(),
    submittedBy: z.string(),
    submittedByName: z.string(),
    submittedAt: z.string(),
    modelVersion: z.string(),
    decision: z.enum(CREDIT_DECISIONS),
    grade: z.enum(CREDIT_GRADES),
    score: z.number(),
    limit: z.number(),
    approvalLevels: z.union([z.literal(1), z.literal(2)]),
    approvals: z.array(creditApprovalStepSchema),
    decidedAt: z.string().nullable(),
    sync: z.object({ state: z.enum(SYNC_STATES), attempts: z.number().int() }).optional(),
  })
  .meta({ id: 'CreditApplication' });
export type CreditApplicationView = z.infer<typeof creditApplicationSchema>;

export const creditApplicationListSchema = pageOf(creditApplicationSchema).meta({ id: 'CreditApplicationList' });

export const creditReplaySchema = z
  .object({
    evaluationId: z.string(),
    modelVersion: z.string(),
    facts: z.record(z.string(), z.unknown()),
    stored: creditDecisionSchema,
    replayed: creditDecisionSchema,
    identical: z.boolean(),
  })
  .meta({ id: 'CreditReplay' });

export const creditReviewRequestSchema = z
  .object({
    id: z.string(),
    evaluationId: z.string(),
    householdId: z.string(),
    branchId: z.string(),
    status: z.enum(['open', 'closed']),
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
  })
  .meta({ id: 'CreditReviewRequest' });

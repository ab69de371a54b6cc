import { z } from 'zod';
import { checkIdNumber } from '../idNumber';

/**
 * Wire shapes of the provincial V7 interface (阳光信贷平台), validated by mock-v7 and used for
 * the types of the BFF's client (bff/clients/v7Client.ts). See mock-v7/README.md.
 */
const idNumber = z.string().refine((v) => checkIdNumber(v) === null, '身份证号码无效');
const text = (max: number) => z.string().trim().min(1).max(max);
const timestamp = z.iso.datetime({ offset: true });

export const v7RiskLevelSchema = z.enum(['none', 'low', 'medium', 'high']);
export type V7RiskLevel = z.infer<typeof v7RiskLevelSchema>;

export const v7CheckRequestSchema = z.object({ idNumber }).strict();

/** 省联社风险预警 answer. checkedAt is ISO 8601 in Beijing time (+08:00). */
export const v7RiskWarningSchema = z.object({ level: v7RiskLevelSchema, checkedAt: timestamp });
export type V7RiskWarning = z.infer<typeof v7RiskWarningSchema>;

export const v7JudicialFlagsSchema = z
  .object({ dishonestDebtor: z.boolean(), enforcement: z.boolean(), frozenAssets: z.boolean() })
  .strict();

/** 司法查控 answer. */
export const v7JudicialSchema = v7JudicialFlagsSchema.extend({ checkedAt: timestamp });
export type V7Judicial = z.infer<typeof v7JudicialSchema>;

export const v7PersonSchema = z.object({ name: text(50), idNumber }).strict();

/** 一户一档 household file, pushed once per version. */
export const v7FilePushSchema = z
  .object({
    fileId: text(64),
    version: z.number().int().min(1),
    householdNo: text(64).optional(),
    branchId: text(64).optional(),
    regionCode: z
      .string()
      .regex(/^\d{6,12}$/)
      .optional(),
    head: v7PersonSchema,
    members: z
      .array(z.object({ name: text(50), idNumber: idNumber.optional(), relation: text(20) }).strict())
      .max(30)
      .default([]),
    /** Free-form file content (assets, income, business...) as the bank records it. */
    facts: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type V7FilePush = z.input<typeof v7FilePushSchema>;

export const v7FileAckSchema = z.object({
  fileId: z.string(),
  version: z.number(),
  v7FileNo: z.string(),
  status: z.literal('archived'),
  receivedAt: timestamp,
});
export type V7FileAck = z.infer<typeof v7FileAckSchema>;

export const v7ApprovalStepSchema = z
  .object({
    step: z.enum(['submitted', 'level1', 'level2']),
    actorId: text(64),
    actorName: text(50).optional(),
    comment: z.string().max(500).optional(),
    at: timestamp,
  })
  .strict();

/** 预授信 application after the bank's final approval. */
export const v7PreCreditPushSchema = z
  .object({
    applicationId: text(64),
    fileId: text(64),
    fileVersion: z.number().int().min(1).optional(),
    applicant: v7PersonSchema,
    modelVersion: text(32),
    decision: z.enum(['pass', 'review']),
    score: z.number().min(0).max(100).optional(),
    grade: z.enum(['AAA', 'AA', 'A', 'B']).optional(),
    limit: z
      .number()
      .int()
      .min(1000)
      .max(200_000)
      .refine((v) => v % 1000 === 0, '额度须为 1000 元的整数倍'),
    approvalTrail: z
      .array(v7ApprovalStepSchema)
      .min(2)
      .max(10)
      .refine((t) => t.some((s) => s.step === 'level1'), '审批流程缺少一级审批'),
    approvedAt: timestamp,
  })
  .strict();
export type V7PreCreditPush = z.input<typeof v7PreCreditPushSchema>;

export const v7PreCreditStatusSchema = z.object({
  applicationId: z.string(),
  v7ApplicationNo: z.string(),
  status: z.enum(['applied', 'signed', 'drawn']),
  limit: z.number(),
  receivedAt: timestamp,
  signedLimit: z.number().nullable(),
  signedAt: timestamp.nullable(),
  usedAmount: z.number(),
});
export type V7PreCreditStatus = z.infer<typeof v7PreCreditStatusSchema>;

export const v7PreCreditAckSchema = v7PreCreditStatusSchema.extend({ duplicate: z.boolean() });
export type V7PreCreditAck = z.infer<typeof v7PreCreditAckSchema>;

/** Events V7 sends back by webhook. */
export const v7WebhookEventSchema = z.discriminatedUnion('type', [
  z.object({
    eventId: z.string(),
    type: z.literal('precredit.signed'),
    occurredAt: timestamp,
    applicationId: z.string(),
    v7ApplicationNo: z.string(),
    data: z.object({ contractNo: z.string(), signedLimit: z.number(), signedAt: timestamp }),
  }),
  z.object({
    eventId: z.string(),
    type: z.literal('precredit.drawdown'),
    occurredAt: timestamp,
    applicationId: z.string(),
    v7ApplicationNo: z.string(),
    data: z.object({ drawdownId: z.string(), loanNo: z.string(), amount: z.number(), usedAmount: z.number(), drawnAt: timestamp }),
  }),
]);
export type V7WebhookEvent = z.infer<typeof v7WebhookEventSchema>;

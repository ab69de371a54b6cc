import { z } from 'zod';
import { checkIdNumber } from '../idNumber';
import { EDUCATIONS, MARITAL_STATUSES, RELATIONS } from './households';

/**
 * The household file (一户一档) as a manager enters it, on the phone and in the BFF: one
 * schema, imported by the mini program's form and by the route validator. Totals are not
 * entered: the server derives them from the parts.
 */

/** Yuan with at most two decimals (fen), never negative. */
export const amountSchema = z
  .number({ error: '请输入金额' })
  .min(0, '金额不能为负')
  .max(1e10, '金额过大')
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额最多两位小数');

/** Why an ID number is refused, as the form shows it next to the field. */
function checkIdNumberIssue(v: string, ctx: z.RefinementCtx): void {
  const problem = checkIdNumber(v);
  if (problem === 'format') ctx.addIssue({ code: 'custom', message: '身份证号应为18位' });
  if (problem === 'birth_date') ctx.addIssue({ code: 'custom', message: '身份证号中的出生日期无效' });
  if (problem === 'checksum') ctx.addIssue({ code: 'custom', message: '身份证号校验位错误' });
}

export const idNumberSchema = z.string({ error: '请输入身份证号' }).trim().toUpperCase().superRefine(checkIdNumberIssue);

const MOBILE = /^1[3-9]\d{9}$/;
export const mobileSchema = z.string().trim().regex(MOBILE, '请输入11位手机号');

/**
 * The masks every response shows (shared/src/mask.ts). In an edit, an existing member's value
 * sent back exactly as it was shown means "unchanged": the BFF keeps the stored value and
 * never stores the mask. A mask is never a valid new value: it fails the checksum and the phone format.
 */
export const MASKED_ID_NUMBER = /^\d{4}\*{10}\d{3}[\dX]$/;
export const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;
/** A masked name keeps its first character (张*); a real name never contains `*`. */
export const isMaskedName = (name: string) => name.includes('*');

const nameSchema = z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(20, '姓名过长');

export const memberInputSchema = z.object({
  /** Present when editing an existing member, so their encrypted fields can be kept. */
  id: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
  relation: z.enum(RELATIONS, { error: '请选择与户主关系' }),
  name: nameSchema.refine((v) => !isMaskedName(v), '请录入完整姓名'),
  idNumber: idNumberSchema,
  phone: mobileSchema.nullable().optional(),
  education: z.enum(EDUCATIONS, { error: '请选择学历' }),
  maritalStatus: z.enum(MARITAL_STATUSES, { error: '请选择婚姻状况' }),
  occupation: z.string().trim().max(30).default(''),
});
export type MemberInput = z.infer<typeof memberInputSchema>;

/**
 * A member in an edit: an existing member (with `id`) may carry the name, ID number and phone
 * exactly as the BFF showed them masked, meaning "keep the stored value"; a new member needs
 * them in full. Whether a mask really is that member's is checked by the BFF, which holds the
 * stored values.
 */
export const memberEditSchema = memberInputSchema
  .extend({
    name: nameSchema,
    idNumber: z
      .string({ error: '请输入身份证号' })
      .trim()
      .toUpperCase()
      .superRefine((v, ctx) => {
        if (!MASKED_ID_NUMBER.test(v)) checkIdNumberIssue(v, ctx);
      }),
    phone: z
      .string()
      .trim()
      .refine((v) => MOBILE.test(v) || MASKED_PHONE.test(v), '请输入11位手机号')
      .nullable()
      .optional(),
  })
  .superRefine((m, ctx) => {
    if (m.id) return;
    if (isMaskedName(m.name)) ctx.addIssue({ code: 'custom', path: ['name'], message: '请录入完整姓名' });
    if (MASKED_ID_NUMBER.test(m.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '请录入完整身份证号' });
    if (m.phone && MASKED_PHONE.test(m.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: '请录入完整手机号' });
  });

const valuedItemSchema = z.object({
  kind: z.string().trim().min(1).max(20),
  count: z.number().int().min(0).max(100000).default(1),
  value: amountSchema,
});

export const SOFT_FLAGS = ['good_neighbour', 'village_recommended', 'gambling', 'drinking', 'dispute', 'low_credit_awareness'] as const;
export const SOFT_FLAG_LABELS: Record<(typeof SOFT_FLAGS)[number], string> = {
  good_neighbour: '邻里关系和睦',
  village_recommended: '村委推荐',
  gambling: '有赌博行为',
  drinking: '酗酒',
  dispute: '有纠纷',
  low_credit_awareness: '信用意识薄弱',
};

/** The file around a member schema: the same for a new file and an edit but for the members. */
function fileSchemaOf<M extends z.ZodType<MemberInput, unknown>>(member: M) {
  return z
    .object({
      villageCode: z.string({ error: '请选择村居' }).regex(/^321283\d{6}$/, '请选择泰兴市的村居'),
      address: z.string({ error: '请输入地址' }).trim().min(2, '请输入地址').max(100, '地址过长'),
      members: z.array(member).min(1, '至少登记一名家庭成员').max(20, '家庭成员过多'),
      finance: z.object({
        annualIncome: amountSchema,
        netIncome: amountSchema,
        annualSpending: amountSchema,
        mainBusiness: z.string().trim().max(50).default(''),
        incomeSource: z.string().trim().max(50).default(''),
        businessScale: z.string().trim().max(50).default(''),
        workingCapital: amountSchema.default(0),
      }),
      assets: z.object({
        houses: z
          .array(
            z.object({
              kind: z.enum(['main', 'side', 'flat']),
              structure: z.string().trim().max(20).default(''),
              rooms: z.number().int().min(0).max(100).default(0),
              estate: z.string().trim().max(50).default(''),
              area: z.number().min(0).max(100000).default(0),
              appraisedValue: amountSchema,
            }),
          )
          .max(20)
          .default([]),
        vehicles: z.array(valuedItemSchema).max(20).default([]),
        machinery: z.array(valuedItemSchema).max(50).default([]),
        livestock: z.array(valuedItemSchema).max(50).default([]),
        landArea: z.number().min(0).max(100000).default(0),
        depositsElsewhere: amountSchema.default(0),
        otherAssets: amountSchema.default(0),
      }),
      debts: z
        .array(
          z.object({
            lender: z.string().trim().min(1).max(50),
            kind: z.enum(['bank_loan', 'credit_loan', 'private', 'other']),
            balance: amountSchema,
          }),
        )
        .max(30)
        .default([]),
      softInfo: z
        .object({ flags: z.array(z.enum(SOFT_FLAGS)).max(SOFT_FLAGS.length).default([]), notes: z.string().trim().max(500).default('') })
        .default({ flags: [], notes: '' }),
    })
    .superRefine((file, ctx) => {
      const heads = file.members.filter((m) => m.relation === 'head').length;
      if (heads !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '需且仅需一名户主' });
      const seen = new Map<string, number>();
      file.members.forEach((m, i) => {
        // Masks of two people can coincide; the BFF compares the stored values behind them.
        if (MASKED_ID_NUMBER.test(m.idNumber)) return;
        const prev = seen.get(m.idNumber);
        if (prev !== undefined)
          ctx.addIssue({ code: 'custom', path: ['members', i, 'idNumber'], message: `与第${prev + 1}位成员身份证号重复` });
        seen.set(m.idNumber, i);
      });
    });
}

export const householdFileSchema = fileSchemaOf(memberInputSchema);
/** An edited file: existing members' personal fields may be the masks shown (see memberEditSchema). */
export const householdEditSchema = fileSchemaOf(memberEditSchema);
export type HouseholdFile = z.infer<typeof householdFileSchema>;

/** Creating a file: the client's id makes a retry, a double tap or a resend after a crash harmless. */
export const createHouseholdSchema = householdFileSchema
  .and(z.object({ clientId: z.uuid({ error: '缺少客户端编号' }) }))
  .meta({ id: 'CreateHousehold' });

/**
 * Editing a file: the version read, so a concurrent edit is detected, not overwritten; and the
 * client's id of this edit, so a replay from the outbox is the same edit, not a second one.
 */
export const updateHouseholdSchema = householdEditSchema
  .and(z.object({ version: z.number({ error: '缺少版本号' }).int().min(1), clientId: z.uuid({ error: '缺少客户端编号' }) }))
  .meta({ id: 'UpdateHousehold' });

/** Showing one personal field in full is a separate, audited action with a stated reason. */
export const unmaskRequestSchema = z
  .object({
    field: z.enum(['idNumber', 'phone'], { error: '请选择要查看的字段' }),
    reason: z.string({ error: '请填写查看原因' }).trim().min(2, '请填写查看原因').max(100, '原因过长'),
  })
  .meta({ id: 'UnmaskRequest' });

export const memberParamsSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{24}$/, '无效的编号'),
  memberId: z.string().regex(/^[0-9a-f]{24}$/, '无效的编号'),
});

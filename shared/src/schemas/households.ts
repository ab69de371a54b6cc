import { z } from 'zod';
import { pageQuerySchema, pageOf } from './common';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'] as const;
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandchild: '孙子女',
  other: '其他',
};
export const EDUCATIONS = ['primary_or_below', 'junior_high', 'senior_high', 'college', 'bachelor_or_above'] as const;
export const MARITAL_STATUSES = ['married', 'single', 'divorced', 'widowed'] as const;

export const householdListQuerySchema = pageQuerySchema.extend({
  villageCode: z
    .string()
    .regex(/^\d{12}$/, '村居代码为12位数字')
    .optional(),
  q: z.string().trim().min(1).max(32).optional().meta({ description: '户号或户主姓名' }),
  status: z.enum(['visited', 'not_visited', 'follow_up_due']).optional().meta({ description: '已走访 / 未走访 / 待跟进' }),
});
export type HouseholdListQuery = z.infer<typeof householdListQuerySchema>;

/** A member as every response shows it: ID and phone masked, never in clear. */
export const maskedMemberSchema = z
  .object({
    id: z.string(),
    relation: z.enum(RELATIONS),
    name: z.string().meta({ description: 'masked, e.g. 张*' }),
    idNumber: z.string().meta({ description: 'masked, first 4 and last 4' }),
    phone: z.string().nullable().meta({ description: 'masked, 138****5678' }),
    gender: z.enum(['male', 'female']),
    birthDate: z.string(),
    education: z.enum(EDUCATIONS),
    maritalStatus: z.enum(MARITAL_STATUSES),
    occupation: z.string(),
  })
  .meta({ id: 'MaskedMember' });

export const householdSummarySchema = z
  .object({
    id: z.string(),
    householdNo: z.string(),
    headName: z.string(),
    headPhone: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    townName: z.string(),
    memberCount: z.number().int(),
    managerId: z.string(),
    branchId: z.string(),
    lastVisitAt: z.string().nullable(),
    nextFollowUp: z.string().nullable(),
  })
  .meta({ id: 'HouseholdSummary' });

export const householdListResponseSchema = pageOf(householdSummarySchema).meta({ id: 'HouseholdList' });

export const householdDetailSchema = householdSummarySchema
  .extend({
    address: z.string(),
    members: z.array(maskedMemberSchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HouseholdDetail' });

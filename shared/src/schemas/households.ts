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

const valuedItemOutSchema = z.object({ kind: z.string(), count: z.number(), value: z.number() });

/** Money of the file as stored: what was entered, plus the totals the BFF derived. */
export const householdFinanceSchema = z
  .object({
    annualIncome: z.number(),
    netIncome: z.number(),
    perCapitaIncome: z.number().meta({ description: 'derived: net income / members' }),
    annualSpending: z.number(),
    mainBusiness: z.string(),
    incomeSource: z.string(),
    businessScale: z.string(),
    workingCapital: z.number(),
  })
  .meta({ id: 'HouseholdFinance' });

export const householdAssetsSchema = z
  .object({
    houses: z.array(
      z.object({
        kind: z.enum(['main', 'side', 'flat']),
        structure: z.string(),
        rooms: z.number(),
        estate: z.string(),
        area: z.number(),
        appraisedValue: z.number(),
      }),
    ),
    vehicles: z.array(valuedItemOutSchema),
    machinery: z.array(valuedItemOutSchema),
    livestock: z.array(valuedItemOutSchema),
    landArea: z.number(),
    depositsElsewhere: z.number(),
    otherAssets: z.number(),
    totalAssets: z.number().meta({ description: 'derived' }),
    totalDebt: z.number().meta({ description: 'derived from debts' }),
    netAssets: z.number().meta({ description: 'derived' }),
  })
  .meta({ id: 'HouseholdAssets' });

/**
 * The whole file (一户一档), so it can be edited as a whole: personal fields masked, money
 * and soft information as stored. `version` goes back with the edit.
 */
export const householdDetailSchema = householdSummarySchema
  .extend({
    address: z.string(),
    members: z.array(maskedMemberSchema),
    finance: householdFinanceSchema,
    assets: householdAssetsSchema,
    debts: z.array(z.object({ lender: z.string(), kind: z.enum(['bank_loan', 'credit_loan', 'private', 'other']), balance: z.number() })),
    softInfo: z.object({ flags: z.array(z.string()), notes: z.string() }),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'HouseholdDetail' });

import { z } from 'zod';
import { PRODUCTS, PROOF_LEVELS, VISIT_OUTCOMES } from './visits';
import { RELATIONS } from './households';

/**
 * The customer portrait (客户画像) of one household: its standing with the bank from the T+1
 * ODS snapshots, tags derived from it with a suggested product and the reason, the visit
 * timeline and the credit status. One schema for the mini program page and the BFF.
 */

/** One person's (or the household's summed) figures on one business date, in yuan. */
export const portraitFiguresSchema = z
  .object({
    deposit: z.object({ demand: z.number(), time: z.number(), total: z.number(), avg1y: z.number() }),
    loan: z.object({ count: z.number().int(), balance: z.number(), overdueAmount: z.number(), overdueDays: z.number().int() }),
    wealth: z.object({ balance: z.number() }),
    ebank: z.object({
      ebank: z.boolean().meta({ description: 'household: any member signed' }),
      mobile: z.boolean().meta({ description: 'household: any member signed' }),
    }),
  })
  .meta({ id: 'PortraitFigures' });
export type PortraitFigures = z.infer<typeof portraitFiguresSchema>;

export const portraitMemberSchema = z
  .object({
    memberId: z.string(),
    relation: z.enum(RELATIONS),
    name: z.string().meta({ description: 'masked, e.g. 张*' }),
    idNumber: z.string().meta({ description: 'masked, first 4 and last 4' }),
    /** Null when the bank's ODS has no record of this person on the business date. */
    figures: portraitFiguresSchema.nullable(),
  })
  .meta({ id: 'PortraitMember' });

/** Household totals over the imported business dates, oldest first, for the chart. */
export const portraitSeriesSchema = z
  .object({
    dates: z.array(z.string()),
    deposits: z.array(z.number()),
    loans: z.array(z.number()),
    wealth: z.array(z.number()),
  })
  .meta({ id: 'PortraitSeries' });
export type PortraitSeries = z.infer<typeof portraitSeriesSchema>;

export const TAG_SEVERITIES = ['opportunity', 'attention', 'risk'] as const;
export type TagSeverity = (typeof TAG_SEVERITIES)[number];

export const portraitTagSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    severity: z.enum(TAG_SEVERITIES),
    product: z.enum(PRODUCTS).nullable().meta({ description: 'suggested product; null for a risk notice' }),
    productLabel: z.string().nullable(),
    reason: z.string(),
    /** Set when the tag is about one member rather than the household. */
    memberId: z.string().nullable(),
  })
  .meta({ id: 'PortraitTag' });
export type PortraitTag = z.infer<typeof portraitTagSchema>;

export const portraitVisitSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    managerId: z.string(),
    outcome: z.enum(VISIT_OUTCOMES),
    proofLevel: z.enum(PROOF_LEVELS),
    notes: z.string(),
    products: z.array(z.enum(PRODUCTS)),
    nextFollowUp: z.string().nullable(),
  })
  .meta({ id: 'PortraitVisit' });

/** Where the household stands in the credit funnel; filled by the credit flow (issue 4). */
export const CREDIT_STATES = ['none', 'evaluated', 'pending', 'approved', 'rejected', 'synced', 'signed', 'used'] as const;
export type CreditState = (typeof CREDIT_STATES)[number];
export const CREDIT_STATE_LABELS: Record<CreditState, string> = {
  none: '未授信',
  evaluated: '已测额',
  pending: '审批中',
  approved: '已审批',
  rejected: '未通过',
  synced: '已报送V7',
  signed: '已签约',
  used: '已用信',
};
export const creditStatusSchema = z
  .object({
    state: z.enum(CREDIT_STATES),
    limit: z.number().nullable().meta({ description: 'pre-credit limit in yuan' }),
    signedLimit: z.number().nullable(),
    usedAmount: z.number().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CreditStatus' });
export type CreditStatus = z.infer<typeof creditStatusSchema>;
export const NO_CREDIT_STATUS: CreditStatus = { state: 'none', limit: null, signedLimit: null, usedAmount: null, updatedAt: null };

export const householdPortraitSchema = z
  .object({
    householdId: z.string(),
    householdNo: z.string(),
    headName: z.string().meta({ description: 'masked' }),
    /** The ODS business date the figures are as of; null before any import. */
    businessDate: z.string().nullable(),
    household: portraitFiguresSchema.nullable(),
    members: z.array(portraitMemberSchema),
    series: portraitSeriesSchema,
    tags: z.array(portraitTagSchema),
    rulesVersion: z.string(),
    visits: z.array(portraitVisitSchema).meta({ description: 'newest first, at most 20' }),
    visitsTotal: z.number().int(),
    creditStatus: creditStatusSchema,
  })
  .meta({ id: 'HouseholdPortrait' });
export type HouseholdPortrait = z.infer<typeof householdPortraitSchema>;

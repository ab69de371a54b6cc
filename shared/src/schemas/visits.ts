import { z } from 'zod';
import { amountSchema } from './householdFile';
import { objectIdSchema } from './common';
import { visitPhotoSchema } from './photos';

/** A visit (走访) as the phone records it; one schema for the mini program and the BFF. */
export const VISIT_OUTCOMES = ['filed', 'interested', 'not_home', 'declined', 'follow_up'] as const;
export const VISIT_OUTCOME_LABELS: Record<(typeof VISIT_OUTCOMES)[number], string> = {
  filed: '已建档',
  interested: '有意向',
  not_home: '不在家',
  declined: '无需求',
  follow_up: '需跟进',
};
export const PRODUCTS = [
  'sunshine_credit',
  'hui_e_dai',
  'su_e_dai',
  'deposit',
  'wealth',
  'mobile_banking',
  'social_security_card',
] as const;
export const PRODUCT_LABELS: Record<(typeof PRODUCTS)[number], string> = {
  sunshine_credit: '阳光信贷',
  hui_e_dai: '惠E贷',
  su_e_dai: '速E贷',
  deposit: '存款',
  wealth: '理财',
  mobile_banking: '手机银行',
  social_security_card: '社保卡',
};

/** GCJ-02 fix from wx.getLocation, with its accuracy in metres. */
export const geoFixSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(100000),
  at: z.iso.datetime({ offset: true }),
});
export type GeoFix = z.infer<typeof geoFixSchema>;

export const createVisitSchema = z
  .object({
    clientId: z.uuid({ error: '缺少客户端编号' }),
    householdId: z.string().regex(/^[0-9a-f]{24}$/, '无效的户编号'),
    location: geoFixSchema,
    notes: z.string().trim().max(1000, '备注过长').default(''),
    products: z.array(z.enum(PRODUCTS)).max(PRODUCTS.length).default([]),
    creditNeed: z
      .object({ amount: amountSchema, purpose: z.string().trim().max(100).default('') })
      .nullable()
      .default(null),
    outcome: z.enum(VISIT_OUTCOMES, { error: '请选择走访结果' }),
    nextFollowUp: z.iso.date().nullable().default(null),
    /** Photos taken in the app and uploaded first (POST /photos), in capture order. */
    photoIds: z.array(objectIdSchema).max(9, '最多9张照片').default([]),
  })
  .meta({ id: 'CreateVisit' });
export type CreateVisit = z.infer<typeof createVisitSchema>;

export const PROOF_LEVELS = ['unverified', 'located', 'photographed', 'confirmed'] as const;
export type ProofLevel = (typeof PROOF_LEVELS)[number];
export const PROOF_LEVEL_LABELS: Record<ProofLevel, string> = {
  unverified: '未核实',
  located: '定位核实',
  photographed: '定位+现场照片',
  confirmed: '客户确认',
};

/** Whether the customer confirmed the visit by scanning the manager's QR code in WeChat. */
export const visitConfirmationStateSchema = z.object({
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
});

export const visitSchema = z
  .object({
    id: z.string(),
    householdId: z.string(),
    managerId: z.string(),
    at: z.string(),
    location: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number() }),
    distanceM: z.number().nullable().meta({ description: 'metres from the household geotag; null when the household had none' }),
    proof: z.object({ level: z.enum(PROOF_LEVELS), reasons: z.array(z.string()) }),
    notes: z.string(),
    products: z.array(z.enum(PRODUCTS)),
    creditNeed: z.object({ amount: z.number(), purpose: z.string() }).nullable(),
    outcome: z.enum(VISIT_OUTCOMES),
    nextFollowUp: z.string().nullable(),
    /** The manager who made the visit; unlike managerId it never changes on a transfer. */
    recordedBy: z.string(),
    photos: z.array(visitPhotoSchema),
    confirmation: visitConfirmationStateSchema,
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof visitSchema>;

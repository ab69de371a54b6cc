import { z } from 'zod';
import { objectIdSchema } from './common';
import { PRODUCTS } from './visits';

/**
 * Customers (客户) arrive through a manager's share card and sign in with WeChat (openid) in
 * the mini program, or with a one-time SMS code in the H5 build. One schema per shape, used by
 * the pages and the BFF.
 */

/** The mini program page a share card opens (miniapp ROUTES.customerCard). */
export const CUSTOMER_CARD_PATH = '/subpackages/customer/pages/card/index';

/** An opaque share-card code: 32 bytes of randomness, base64url. Carries no meaning. */
export const shareCodeSchema = z.string({ error: '缺少名片编号' }).regex(/^[A-Za-z0-9_-]{20,64}$/, '名片链接无效');

/** Mainland mobile number, 11 digits. */
export const mobilePhoneSchema = z
  .string({ error: '请输入手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入正确的11位手机号');

/** A 6-digit one-time code. C3 data: never stored in clear, never logged. */
export const smsCodeSchema = z.string({ error: '请输入验证码' }).regex(/^\d{6}$/, '验证码为6位数字');

export const createShareCardSchema = z.object({ householdId: objectIdSchema.optional() }).meta({ id: 'CreateShareCard' });
export type CreateShareCard = z.infer<typeof createShareCardSchema>;

export const shareCardSchema = z
  .object({
    code: z.string(),
    /** The mini program path to share; it carries the code and nothing else. */
    path: z.string(),
    expiresAt: z.string(),
    householdId: z.string().nullable(),
  })
  .meta({ id: 'ShareCard' });
export type ShareCard = z.infer<typeof shareCardSchema>;

export const customerWechatLoginSchema = z
  .object({ code: z.string({ error: '缺少微信登录凭证' }).min(1, '缺少微信登录凭证').max(128), shareCode: shareCodeSchema })
  .meta({ id: 'CustomerWechatLogin' });
export type CustomerWechatLogin = z.infer<typeof customerWechatLoginSchema>;

export const customerSmsCodeRequestSchema = z
  .object({ phone: mobilePhoneSchema, shareCode: shareCodeSchema })
  .meta({ id: 'CustomerSmsCodeRequest' });
export type CustomerSmsCodeRequest = z.infer<typeof customerSmsCodeRequestSchema>;

export const customerSmsLoginSchema = z
  .object({ phone: mobilePhoneSchema, code: smsCodeSchema, shareCode: shareCodeSchema })
  .meta({ id: 'CustomerSmsLogin' });
export type CustomerSmsLogin = z.infer<typeof customerSmsLoginSchema>;

export const smsCodeSentSchema = z
  .object({ sent: z.literal(true), phoneMasked: z.string(), resendAfterSec: z.number().int(), expiresInSec: z.number().int() })
  .meta({ id: 'SmsCodeSent' });
export type SmsCodeSent = z.infer<typeof smsCodeSentSchema>;

export const productIdSchema = z.enum(PRODUCTS, { error: '请选择产品' });

export const bankProductSchema = z.object({
  id: productIdSchema,
  name: z.string(),
  tagline: z.string(),
  highlights: z.array(z.string()),
});

/** What the customer's card landing shows: their manager and the bank's products. */
export const customerCardSchema = z
  .object({
    manager: z.object({
      id: z.string(),
      name: z.string(),
      branchName: z.string().nullable(),
      /** Masked (138****5678); null until the manager publishes a work phone. */
      workPhoneMasked: z.string().nullable(),
    }),
    products: z.array(bankProductSchema),
    /** The subscription-message template the page asks the customer to subscribe to. */
    reminderTemplateId: z.string(),
  })
  .meta({ id: 'CustomerCard' });
export type CustomerCard = z.infer<typeof customerCardSchema>;

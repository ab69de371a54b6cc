import { z } from 'zod';
import { ROLES } from '../roles';

export const usernameSchema = z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').max(64, '用户名过长');

export const loginRequestSchema = z
  .object({
    username: usernameSchema,
    // Never trimmed or logged: a password is C3 data.
    password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码过长'),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const refreshRequestSchema = z
  .object({ refreshToken: z.string({ error: '缺少刷新令牌' }).min(16).max(512) })
  .meta({ id: 'RefreshRequest' });

export const wechatLoginRequestSchema = z
  .object({ code: z.string({ error: '缺少微信登录凭证' }).min(1).max(128) })
  .meta({ id: 'WechatLoginRequest' });

export const wechatBindRequestSchema = loginRequestSchema
  .extend({ bindToken: z.string({ error: '缺少绑定凭证' }).min(16).max(1024) })
  .meta({ id: 'WechatBindRequest' });

/** Password policy (等保 2.0): length and three of four character classes. */
export const newPasswordSchema = z
  .string()
  .min(8, '密码至少8位')
  .max(128, '密码过长')
  .refine(
    (p) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length >= 3,
    '密码需包含大写字母、小写字母、数字、符号中的至少三类',
  );

export const roleSchema = z.enum(ROLES);

export const sessionUserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    role: roleSchema,
    branchId: z.string().nullable(),
    name: z.string(),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().meta({ description: 'access token lifetime in seconds' }),
    user: sessionUserSchema,
  })
  .meta({ id: 'TokenPair' });
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const wechatBindRequiredSchema = z
  .object({ bindRequired: z.literal(true), bindToken: z.string() })
  .meta({ id: 'WechatBindRequired' });

import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * All configuration comes from the environment, parsed once here. Defaults are the local
 * development set-up of api-contract.md; production must set every secret explicitly.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/sunshine'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().default('sunshine:'),
  JWT_SECRET: z.string().min(32).optional(),
  DATA_KEY_ID: z.string().default('k1'),
  DATA_ENCRYPTION_KEY: z.string().optional(),
  DATA_INDEX_KEY: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('http://127.0.0.1:8091'),
  WECHAT_APPID: z.string().default('wx-demo-appid'),
  WECHAT_SECRET: z.string().default('demo-app-secret'),
  V7_BASE_URL: z.string().url().default('http://127.0.0.1:8090'),
  V7_APP_ID: z.string().min(1).default('sunshine-bff'),
  V7_APP_SECRET: z.string().min(16).optional(),
  V7_WEBHOOK_SECRET: z.string().min(16).optional(),
  V7_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  H5_ORIGIN: z.string().default('http://127.0.0.1:8080'),
  H5_DIST: z.string().optional(),
  SESSION_IDLE_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  AUTH_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(30),
  DEMO_MODE: z.enum(['0', '1']).default('0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Customer portal: share cards, SMS sign-in, appointment reminders.
  SHARE_CARD_TTL_DAYS: z.coerce.number().int().min(1).max(30).default(7),
  SMS_API_BASE: z.string().url().optional(),
  SMS_API_KEY: z.string().min(8).optional(),
  SMS_CODE_TTL_SEC: z.coerce.number().int().min(30).default(300),
  SMS_RESEND_SEC: z.coerce.number().int().min(1).default(60),
  SMS_DAILY_LIMIT: z.coerce.number().int().min(1).default(10),
  REMINDER_WORKER: z.enum(['0', '1']).optional(),
  REMINDER_LEAD_SEC: z.coerce.number().int().min(0).default(3600),
  REMINDER_SWEEP_SEC: z.coerce.number().int().min(1).default(300),
  WECHAT_REMINDER_TEMPLATE_ID: z.string().min(1).default('tmpl-appointment-reminder'),
});

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  mongodbUri: string;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  accessTokenTtlSec: number;
  /** A session ends after this long without a request (等保 idle timeout). */
  sessionIdleSec: number;
  /** …and in any case this long after login. */
  sessionMaxLifetimeSec: number;
  lockout: { maxFailures: number; lockMinutes: number };
  dataKeys: { keyId: string; dataKey: Buffer; indexKey: Buffer };
  wechat: { apiBase: string; appId: string; secret: string };
  v7BaseUrl: string;
  /** Signing of calls to V7 and verification of its webhooks (mock-v7/README.md). */
  v7: { appId: string; appSecret: string; webhookSecret: string; timeoutMs: number };
  h5Origin: string;
  h5Dist: string | null;
  demoMode: boolean;
  logLevel: string;
  bodyLimit: string;
  /** Auth requests per client address per minute. */
  authRateLimitPerMin: number;
  customer: CustomerConfig;
}

export interface CustomerConfig {
  shareCardTtlSec: number;
  sms: {
    /** The SMS gateway; the simulator in mock-wechat outside production. */
    apiBase: string;
    apiKey: string;
    codeTtlSec: number;
    /** One code per phone per this many seconds. */
    resendSec: number;
    /** Codes per phone per 24 hours. */
    dailyLimit: number;
    /** Wrong guesses before a code is burnt. */
    maxAttempts: number;
  };
  reminders: {
    /** Run the reminder worker and sweeper in this process (off by default in tests). */
    worker: boolean;
    /** How long before the appointment the reminder goes out. */
    leadSec: number;
    sweepSec: number;
    templateId: string;
  };
}

/** Development-only key material, derived so it is stable across restarts of a dev machine. */
function devSecret(label: string): Buffer {
  return createHash('sha256').update(`sunshine-dev-only:${label}`).digest();
}

function key32(name: string, value: string | undefined, production: boolean): Buffer {
  if (value === undefined) {
    if (production) throw new Error(`${name} must be set in production`);
    return devSecret(name);
  }
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return buf;
}

/** Outside production the simulators stand in (the SMS simulator lives in mock-wechat). */
function requiredInProduction(name: string, value: string | undefined, devDefault: string, production: boolean): string {
  if (value !== undefined) return value;
  if (production) throw new Error(`${name} must be set in production`);
  return devDefault;
}

function devOnly(name: string, value: string | undefined, fallback: string, production: boolean): string {
  if (value !== undefined) return value;
  if (production) throw new Error(`${name} must be set in production`);
  return fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.JWT_SECRET === undefined) throw new Error('JWT_SECRET must be set in production');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    jwtSecret: e.JWT_SECRET ?? devSecret('jwt').toString('base64'),
    accessTokenTtlSec: 15 * 60,
    sessionIdleSec: e.SESSION_IDLE_SEC,
    sessionMaxLifetimeSec: e.SESSION_MAX_HOURS * 3600,
    lockout: { maxFailures: 5, lockMinutes: 15 },
    dataKeys: {
      keyId: e.DATA_KEY_ID,
      dataKey: key32('DATA_ENCRYPTION_KEY', e.DATA_ENCRYPTION_KEY, production),
      indexKey: key32('DATA_INDEX_KEY', e.DATA_INDEX_KEY, production),
    },
    wechat: { apiBase: e.WECHAT_API_BASE, appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET },
    v7BaseUrl: e.V7_BASE_URL,
    v7: {
      appId: e.V7_APP_ID,
      // Development defaults match mock-v7/src/config.ts, so a local V7 accepts the BFF out of the box.
      appSecret: devOnly('V7_APP_SECRET', e.V7_APP_SECRET, 'dev-only-v7-app-secret', production),
      webhookSecret: devOnly('V7_WEBHOOK_SECRET', e.V7_WEBHOOK_SECRET, 'dev-only-v7-webhook-secret', production),
      timeoutMs: e.V7_TIMEOUT_MS,
    },
    h5Origin: e.H5_ORIGIN,
    h5Dist: e.H5_DIST ?? null,
    demoMode: e.DEMO_MODE === '1',
    logLevel: e.LOG_LEVEL,
    bodyLimit: '1mb',
    authRateLimitPerMin: e.AUTH_RATE_LIMIT_PER_MIN,
    customer: {
      shareCardTtlSec: e.SHARE_CARD_TTL_DAYS * 86400,
      sms: {
        apiBase: requiredInProduction('SMS_API_BASE', e.SMS_API_BASE, e.WECHAT_API_BASE, production),
        apiKey: requiredInProduction('SMS_API_KEY', e.SMS_API_KEY, 'demo-sms-key', production),
        codeTtlSec: e.SMS_CODE_TTL_SEC,
        resendSec: e.SMS_RESEND_SEC,
        dailyLimit: e.SMS_DAILY_LIMIT,
        maxAttempts: 5,
      },
      reminders: {
        worker: e.REMINDER_WORKER === undefined ? e.NODE_ENV !== 'test' : e.REMINDER_WORKER === '1',
        leadSec: e.REMINDER_LEAD_SEC,
        sweepSec: e.REMINDER_SWEEP_SEC,
        templateId: e.WECHAT_REMINDER_TEMPLATE_ID,
      },
    },
  };
}

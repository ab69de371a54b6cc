import { z } from 'zod';

/**
 * mock-v7's configuration from the environment. The secrets' defaults are development-only
 * and match the BFF's defaults (bff/src/config.ts), so `npm start` works without set-up.
 */
export const DEV_V7_APP_SECRET = 'dev-only-v7-app-secret';
export const DEV_V7_WEBHOOK_SECRET = 'dev-only-v7-webhook-secret';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  MOCK_V7_HOST: z.string().default('127.0.0.1'),
  MOCK_V7_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  MOCK_V7_MONGODB_URI: z.string().optional(),
  MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/sunshine'),
  MOCK_V7_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('mockv7'),
  V7_APP_ID: z.string().min(1).default('sunshine-bff'),
  V7_APP_SECRET: z.string().min(16).default(DEV_V7_APP_SECRET),
  V7_WEBHOOK_URL: z.string().url().default('http://127.0.0.1:8080/api/v1/public/v7/webhooks'),
  V7_WEBHOOK_SECRET: z.string().min(16).default(DEV_V7_WEBHOOK_SECRET),
  MOCK_V7_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(20),
  MOCK_V7_CLOCK_SKEW_SEC: z.coerce.number().int().min(1).max(3600).default(300),
  MOCK_V7_WEBHOOK_BASE_DELAY_MS: z.coerce.number().int().min(1).default(1000),
  MOCK_V7_WEBHOOK_MAX_DELAY_MS: z.coerce.number().int().min(1).default(60_000),
});

export interface MockV7Config {
  host: string;
  port: number;
  mongodbUri: string;
  appId: string;
  appSecret: string;
  webhookUrl: string;
  webhookSecret: string;
  baseLatencyMs: number;
  clockSkewMs: number;
  webhookBaseDelayMs: number;
  webhookMaxDelayMs: number;
}

/** `mongodb://host:port/anything?opts` with its database name replaced. */
export function withDatabase(uri: string, db: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error('invalid configuration: MONGODB_URI is not a mongodb:// URI');
  return `${m[1]}/${db}${m[2] ?? ''}`;
}

export function loadMockV7Config(env: NodeJS.ProcessEnv = process.env): MockV7Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && (e.V7_APP_SECRET === DEV_V7_APP_SECRET || e.V7_WEBHOOK_SECRET === DEV_V7_WEBHOOK_SECRET)) {
    throw new Error('V7_APP_SECRET and V7_WEBHOOK_SECRET must be set in production');
  }
  return {
    host: e.MOCK_V7_HOST,
    port: e.MOCK_V7_PORT,
    mongodbUri: e.MOCK_V7_MONGODB_URI ?? withDatabase(e.MONGODB_URI, e.MOCK_V7_DB),
    appId: e.V7_APP_ID,
    appSecret: e.V7_APP_SECRET,
    webhookUrl: e.V7_WEBHOOK_URL,
    webhookSecret: e.V7_WEBHOOK_SECRET,
    baseLatencyMs: e.MOCK_V7_LATENCY_MS,
    clockSkewMs: e.MOCK_V7_CLOCK_SKEW_SEC * 1000,
    webhookBaseDelayMs: e.MOCK_V7_WEBHOOK_BASE_DELAY_MS,
    webhookMaxDelayMs: e.MOCK_V7_WEBHOOK_MAX_DELAY_MS,
  };
}

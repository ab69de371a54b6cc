import { z } from 'zod';

/**
 * Settings of the V7 sync worker. They are read from the environment here rather than in
 * src/config.ts, which has no anchor for this feature; tests pass their own settings to
 * `startV7SyncWorker` instead of going through the environment.
 */
export interface V7SyncSettings {
  /** Run the worker and sweeper in this process (on by default, off under NODE_ENV=test). */
  worker: boolean;
  concurrency: number;
  /** Backoff after attempt n: min(maxDelay, baseDelay × 2^(n-1)) × a random factor in [0.5, 1]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts (since the last manual retry) before an application is dead-lettered. */
  maxAttempts: number;
  /** How long an attempt in flight may take before it counts as left by a crash. */
  leaseMs: number;
  /** Sweeper interval: the bound on how late a lost job is re-enqueued. */
  sweepMs: number;
}

const envSchema = z.object({
  V7_SYNC_WORKER: z.enum(['0', '1']).optional(),
  V7_SYNC_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(8),
  V7_SYNC_BASE_DELAY_MS: z.coerce.number().int().min(10).default(1000),
  V7_SYNC_MAX_DELAY_MS: z.coerce.number().int().min(10).default(300_000),
  V7_SYNC_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
  V7_SYNC_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  V7_SYNC_SWEEP_MS: z.coerce.number().int().min(100).default(2000),
});

export function loadV7SyncSettings(env: NodeJS.ProcessEnv, nodeEnv: string): V7SyncSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    worker: e.V7_SYNC_WORKER === undefined ? nodeEnv !== 'test' : e.V7_SYNC_WORKER === '1',
    concurrency: e.V7_SYNC_CONCURRENCY,
    baseDelayMs: e.V7_SYNC_BASE_DELAY_MS,
    maxDelayMs: e.V7_SYNC_MAX_DELAY_MS,
    maxAttempts: e.V7_SYNC_MAX_ATTEMPTS,
    leaseMs: e.V7_SYNC_LEASE_MS,
    sweepMs: e.V7_SYNC_SWEEP_MS,
  };
}

/** Delay before the attempt after attempt `n` (n ≥ 1), with jitter so retries don't stampede. */
export function backoffMs(settings: Pick<V7SyncSettings, 'baseDelayMs' | 'maxDelayMs'>, n: number, random = Math.random): number {
  const raw = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, n - 1));
  return Math.round(raw * (0.5 + random() / 2));
}

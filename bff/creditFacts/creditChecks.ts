import type { Redis } from 'ioredis';
import type { AppConfig } from '../src/config';
import { CachedV7Checks, type V7Checks } from './v7Checks';

/**
 * The V7 checks the app uses: the real V7 client behind the Redis cache.
 *
 * Until bff/clients/v7Client.ts exists the source answers 'unavailable', so every evaluation
 * is `incomplete` (R10) rather than guessing a check: the model never passes without them.
 */
export function createCreditChecks(config: AppConfig, redis: Redis): CachedV7Checks {
  return new CachedV7Checks({ redis, keyPrefix: config.redisPrefix, source: v7Source(config) });
}

function v7Source(_config: AppConfig): V7Checks {
  return { check: async () => 'unavailable' };
}

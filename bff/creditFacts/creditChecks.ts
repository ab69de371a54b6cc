import type { Redis } from 'ioredis';
import type { AppConfig } from '../src/config';
import { createV7Client } from '../clients/v7Client';
import { CachedV7Checks } from './v7Checks';
import { v7CheckSource } from './v7CheckSource';

/** The V7 checks the app uses: the real V7 client (signed calls, with a timeout) behind the Redis cache. */
export function createCreditChecks(config: AppConfig, redis: Redis): CachedV7Checks {
  const client = createV7Client({
    baseUrl: config.v7BaseUrl,
    appId: config.v7.appId,
    appSecret: config.v7.appSecret,
    timeoutMs: config.v7.timeoutMs,
  });
  return new CachedV7Checks({ redis, keyPrefix: config.redisPrefix, source: v7CheckSource(client) });
}

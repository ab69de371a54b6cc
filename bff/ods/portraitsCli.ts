/**
 * Rebuilds every household's precomputed portrait from the completed ODS dates (the post-import
 * step, also run by bff/ods/cli.ts after an import) and drops the cached portraits:
 *
 *   npx tsx bff/ods/portraitsCli.ts            # MONGODB_URI, REDIS_URL, REDIS_PREFIX from the environment
 */
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db';
import { createModels, type Models } from '../models';
import { flushPortraitCache } from '../commands/portraitCache';
import type { AppConfig } from '../src/config';
import { buildHouseholdPortraits } from './buildHouseholdPortraits';

export async function rebuildPortraits(models: Models, config: AppConfig): Promise<void> {
  const t0 = Date.now();
  const r = await buildHouseholdPortraits(models, {
    onProgress: (p) => {
      if (process.stdout.isTTY) process.stdout.write(`\rportraits: ${p.phase} ${p.done}      `);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const flushed = await flushPortraitCache(redis, config.redisPrefix);
    console.log(
      `portraits: build ${r.build ?? '(no completed ODS date)'} for ${r.households} households over ${r.dates.length} date(s), ` +
        `${r.membersWithOds} members with ODS figures, ${r.deletedOld} older documents removed, ${flushed} cached entries dropped, ` +
        `${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const conn = await connectDatabase(config.mongodbUri);
  try {
    const models = createModels(conn);
    await models.HouseholdPortrait.init();
    await rebuildPortraits(models, config);
  } finally {
    await conn.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`portrait rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

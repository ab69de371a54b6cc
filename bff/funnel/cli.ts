/**
 * The funnel report's maintenance commands (MONGODB_URI, REDIS_URL via loadConfig()):
 *
 *   npx tsx bff/funnel/cli.ts backfill [--if-empty]   derive the marks from the business
 *                                                     collections, then rebuild the rollups
 *   npx tsx bff/funnel/cli.ts rebuild                 recompute every rollup from the marks
 *
 * --if-empty   do nothing when marks exist already (the start script: once per database).
 *
 * Redis is used for the rollup lock shared with running BFFs; when Redis is down the command
 * runs without it, which is safe only while no BFF writes to the same database.
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db';
import { createModels } from '../models';
import { backfillFunnel, funnelIsEmpty } from './funnelBackfill';
import { rebuildFunnelRollups } from './funnelRollup';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'if-empty': { type: 'boolean', default: false } } });
  const command = positionals[0];
  if (command !== 'backfill' && command !== 'rebuild') throw new Error('usage: cli.ts backfill [--if-empty] | rebuild');
  const config = loadConfig();
  const conn = await connectDatabase(config.mongodbUri);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  const usable = await redis.connect().then(
    () => true,
    () => false,
  );
  try {
    const models = createModels(conn);
    await Promise.all([models.FunnelMark.init(), models.FunnelRollup.init()]);
    const deps = { models, ...(usable ? { redis, redisPrefix: config.redisPrefix } : {}) };
    const t0 = Date.now();
    if (command === 'rebuild') {
      const r = await rebuildFunnelRollups(deps);
      console.log(`funnel: rebuilt ${r.rollups} rollups from ${r.marks} marks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return;
    }
    if (values['if-empty'] && !(await funnelIsEmpty(models))) {
      console.log('funnel: marks exist already, nothing to backfill (--if-empty)');
      return;
    }
    const r = await backfillFunnel(deps);
    console.log(
      `funnel: ${r.derived} marks derived, ${r.inserted} inserted, ${r.moved} moved earlier, ${r.unattributed} without attribution; ` +
        `${r.rollups} rollups, in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  } finally {
    redis.disconnect();
    await conn.close();
  }
}

main().catch((err: unknown) => {
  console.error(`funnel: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

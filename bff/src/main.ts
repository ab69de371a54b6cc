import { Redis } from 'ioredis';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { connectDatabase } from './db';
import { createApp } from './app';

/**
 * Process entry: connects, listens, and shuts down gracefully on SIGTERM/SIGINT (stop
 * accepting, let in-flight requests finish up to 10 s, then close the database and Redis).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const conn = await connectDatabase(config.mongodbUri);
  // Auto-pipelining sends the commands that concurrent requests issue in one tick as one
  // write: a request makes several small Redis calls (session, facts, rollup, fixes).
  const redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true });
  const app = createApp({ config, logger, conn, redis });
  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: `http://${config.host}:${config.port}` }, 'bff listening');
  });
  server.requestTimeout = 30_000;

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      for (const close of [...app.context.services.closers].reverse()) await close().catch(() => undefined);
      await Promise.allSettled([conn.close(), redis.quit()]);
      clearTimeout(force);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('bff failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

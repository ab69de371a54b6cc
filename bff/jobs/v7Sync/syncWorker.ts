import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../../src/logger';
import { deliverAttempt, type V7SyncDeps } from '../../commands/v7Sync/deliverApplication';
import { applyPendingV7Events } from '../../commands/v7Sync/applyV7Events';
import { bullPrefix, V7_SYNC_QUEUE, type V7SyncJobData, type V7SyncQueue } from './syncQueue';
import type { V7SyncSettings } from './syncSettings';
import { sweepV7Sync } from './sweepV7Sync';

/**
 * Runs the V7 sync worker and its sweeper in this process; returns the closer for
 * `services.closers`. The sweeper also applies V7 webhook events whose application was
 * interrupted (stored but not yet applied to the portrait).
 */
export function startV7SyncWorker(
  deps: V7SyncDeps & { redisUrl: string; logger: Logger },
  queue: V7SyncQueue,
  settings: V7SyncSettings,
): () => Promise<void> {
  const { logger } = deps;
  const connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<V7SyncJobData>(
    V7_SYNC_QUEUE,
    async (job) => {
      const result = await deliverAttempt(deps, settings, job.data);
      if (result.outcome !== 'stale' && result.outcome !== 'busy')
        logger.info({ applicationId: job.data.applicationId, attempt: job.data.attempt, ...result }, 'v7 sync attempt');
      if (result.next) await queue.enqueue(job.data.applicationId, result.next.attempt, result.next.delayMs);
      return result.outcome;
    },
    { connection, prefix: bullPrefix(deps.redisPrefix), concurrency: settings.concurrency },
  );
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'v7 sync job failed'));
  worker.on('error', (err) => logger.warn({ err: err.message }, 'v7 sync worker error'));

  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      await sweepV7Sync(deps.models, queue, settings);
      await applyPendingV7Events(deps);
    } catch (err) {
      logger.warn({ err: String(err) }, 'v7 sync sweep failed');
    } finally {
      sweeping = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), settings.sweepMs);
  timer.unref();

  return async () => {
    clearInterval(timer);
    await worker.close();
    connection.disconnect();
  };
}

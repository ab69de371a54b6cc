import type { Redis } from 'ioredis';
import type { AppConfig } from '../../src/config';
import type { Services } from '../../src/context';
import { createV7Client, type V7Client } from '../../clients/v7Client';
import type { V7SyncDeps } from '../../commands/v7Sync/deliverApplication';
import { V7SyncQueue } from './syncQueue';
import { loadV7SyncSettings, type V7SyncSettings } from './syncSettings';
import { startV7SyncWorker } from './syncWorker';

/**
 * The V7 sync's services: its queue and V7 client, and, when `V7_SYNC_WORKER` is on (by
 * default outside tests), the worker and sweeper in this process.
 *
 * createApp builds its services in one object literal, so this receives `getServices` and
 * touches the finished object only later, in a microtask (as the customer portal does).
 */
export interface V7Sync {
  queue: V7SyncQueue;
  v7: V7Client;
  settings: V7SyncSettings;
  /** Enqueues the first attempt of a just-approved application (the sweeper would find it too, later). */
  notifyApproved(applicationId: string): Promise<void>;
}

export function createV7Sync(
  deps: { config: AppConfig; redis: Redis },
  getServices: () => Services,
  settings: V7SyncSettings = loadV7SyncSettings(process.env, deps.config.env),
): V7Sync {
  const { config } = deps;
  const queue = new V7SyncQueue({ redisUrl: config.redisUrl, redisPrefix: config.redisPrefix }, (close) =>
    getServices().closers.push(close),
  );
  const v7 = createV7Client({ baseUrl: config.v7BaseUrl, ...config.v7 });
  if (settings.worker) {
    queueMicrotask(() => {
      const services = getServices();
      services.closers.push(startV7SyncWorker({ ...syncDeps(services, v7), logger: services.logger }, queue, settings));
    });
  }
  return { queue, v7, settings, notifyApproved: (id) => queue.enqueue(id, 1) };
}

export function syncDeps(
  services: Pick<Services, 'models' | 'crypto' | 'redis' | 'config'>,
  v7: V7Client,
): V7SyncDeps & { redisUrl: string } {
  return {
    models: services.models,
    crypto: services.crypto,
    v7,
    redis: services.redis,
    redisPrefix: services.config.redisPrefix,
    redisUrl: services.config.redisUrl,
  };
}

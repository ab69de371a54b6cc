import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** Where an app's BullMQ keys live: under its Redis prefix, so test files never share queues. */
export const bullPrefix = (redisPrefix: string): string => `${redisPrefix}bull`;

/**
 * A BullMQ queue that opens its own Redis connection on first use (BullMQ needs one with
 * `maxRetriesPerRequest: null`), so an app that never enqueues (most unit tests) never
 * connects. `registerCloser` is called once, when the queue first connects.
 */
export class LazyQueue<T> {
  private queue: Queue<T> | null = null;

  constructor(
    private readonly name: string,
    private readonly opts: { redisUrl: string; redisPrefix: string },
    private readonly registerCloser: (close: () => Promise<void>) => void,
  ) {}

  get(): Queue<T> {
    if (!this.queue) {
      this.queue = new Queue<T>(this.name, {
        connection: new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null }),
        prefix: bullPrefix(this.opts.redisPrefix),
      });
      this.registerCloser(() => this.close());
    }
    return this.queue;
  }

  async close(): Promise<void> {
    const q = this.queue;
    this.queue = null;
    if (!q) return;
    const conn = await q.client;
    await q.close();
    conn.disconnect();
  }
}

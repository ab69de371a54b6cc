import { LazyQueue } from '../lazyQueue';

export { bullPrefix } from '../lazyQueue';

/**
 * The BullMQ queue that delivers approved applications to V7. Redis only delivers: the outbox
 * in the application document is the truth, and the sweeper rebuilds any job Redis lost.
 *
 * One job is one attempt; its id is derived from the application id and the attempt number,
 * so the sweeper, a retry and the worker's own follow-up can all add "the next attempt"
 * without creating two jobs. Finished jobs are removed, so a later re-add of an id whose
 * attempt was never completed is not swallowed by an old record.
 */
export const V7_SYNC_QUEUE = 'v7-sync';

export interface V7SyncJobData {
  applicationId: string;
  attempt: number;
}

export const syncJobId = (applicationId: string, attempt: number, rescue?: number) =>
  `v7sync-${applicationId}-a${attempt}${rescue === undefined ? '' : `-r${rescue}`}`;

export class V7SyncQueue {
  private readonly lazy: LazyQueue<V7SyncJobData>;

  /** `registerCloser` is called once, when the queue first connects. */
  constructor(opts: { redisUrl: string; redisPrefix: string }, registerCloser: (close: () => Promise<void>) => void) {
    this.lazy = new LazyQueue<V7SyncJobData>(V7_SYNC_QUEUE, opts, registerCloser);
  }

  private get() {
    return this.lazy.get();
  }

  /**
   * Adds attempt `attempt` of the application, due after `delayMs`; a live job of that id makes
   * it a no-op. `rescue` gives the sweeper a second id for an attempt whose job is stuck in
   * Redis (active under a killed worker's lock until BullMQ's stall check): the attempt's
   * claim still lets only one of the two jobs make it.
   */
  async enqueue(applicationId: string, attempt: number, delayMs = 0, rescue?: number): Promise<void> {
    await this.get().add(
      'deliver',
      { applicationId, attempt },
      {
        jobId: syncJobId(applicationId, attempt, rescue),
        delay: Math.max(0, Math.round(delayMs)),
        // Only a crash of the processor itself (database down) is retried by BullMQ; V7's
        // answers are retried as new attempts recorded in the outbox.
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  /** Where attempt `attempt`'s regular job stands in Redis: `unknown` once it is gone (finished, or lost to a flush). */
  jobState(applicationId: string, attempt: number): Promise<string> {
    return this.get().getJobState(syncJobId(applicationId, attempt));
  }

  close(): Promise<void> {
    return this.lazy.close();
  }
}

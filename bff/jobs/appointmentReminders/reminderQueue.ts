import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The delayed-job queue of appointment reminders (BullMQ). A job's id is derived from the
 * appointment id and version, so each version of an appointment has at most one reminder
 * job, and a reschedule or cancel can find and remove the previous one.
 *
 * The queue opens its Redis connection on first use, so an app that never books (most unit
 * tests) never connects; keys live under the app's Redis prefix, so test files are isolated.
 */
export const REMINDER_QUEUE = 'appointment-reminders';

export interface ReminderJobData {
  appointmentId: string;
  version: number;
}

export function reminderJobId(appointmentId: string, version: number): string {
  return `appt-${appointmentId}-v${version}`;
}

export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}bull`;
}

export class ReminderQueue {
  private queue: Queue<ReminderJobData> | null = null;

  /** `registerCloser` is called once, when the queue first connects. */
  constructor(
    private readonly opts: { redisUrl: string; redisPrefix: string },
    private readonly registerCloser: (close: () => Promise<void>) => void,
  ) {}

  private get(): Queue<ReminderJobData> {
    if (!this.queue) {
      this.queue = new Queue<ReminderJobData>(REMINDER_QUEUE, {
        connection: new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null }),
        prefix: bullPrefix(this.opts.redisPrefix),
      });
      this.registerCloser(() => this.close());
    }
    return this.queue;
  }

  /** Adds the reminder job, due at `dueAt`; adding an existing job id again is a no-op. */
  async schedule(appointmentId: string, version: number, dueAt: Date, now = new Date()): Promise<string> {
    const jobId = reminderJobId(appointmentId, version);
    await this.get().add(
      'remind',
      { appointmentId, version },
      {
        jobId,
        delay: Math.max(0, dueAt.getTime() - now.getTime()),
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 86400 },
        removeOnFail: { age: 30 * 86400 },
      },
    );
    return jobId;
  }

  /** Removes a job that has not run yet. A job already running checks the version and stops. */
  async unschedule(jobId: string | null | undefined): Promise<void> {
    if (!jobId) return;
    await this.get()
      .remove(jobId)
      .catch(() => undefined);
  }

  async has(jobId: string): Promise<boolean> {
    return (await this.get().getJob(jobId)) !== undefined;
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

import { LazyQueue } from '../lazyQueue';

export { bullPrefix } from '../lazyQueue';

/**
 * The delayed-job queue of appointment reminders (BullMQ). A job's id is derived from the
 * appointment id and version, so each version of an appointment has at most one reminder
 * job, and a reschedule or cancel can find and remove the previous one.
 * The queue connects on first use (LazyQueue).
 */
export const REMINDER_QUEUE = 'appointment-reminders';

export interface ReminderJobData {
  appointmentId: string;
  version: number;
}

export function reminderJobId(appointmentId: string, version: number): string {
  return `appt-${appointmentId}-v${version}`;
}

export class ReminderQueue {
  private readonly lazy: LazyQueue<ReminderJobData>;

  /** `registerCloser` is called once, when the queue first connects. */
  constructor(opts: { redisUrl: string; redisPrefix: string }, registerCloser: (close: () => Promise<void>) => void) {
    this.lazy = new LazyQueue<ReminderJobData>(REMINDER_QUEUE, opts, registerCloser);
  }

  private get() {
    return this.lazy.get();
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

  close(): Promise<void> {
    return this.lazy.close();
  }
}

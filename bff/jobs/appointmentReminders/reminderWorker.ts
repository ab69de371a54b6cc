import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Services } from '../../src/context';
import { bullPrefix, REMINDER_QUEUE, type ReminderJobData, type ReminderQueue } from './reminderQueue';
import { deliverReminder } from './deliverReminder';
import { sweepReminders } from './sweepReminders';

/**
 * Runs the reminder worker and its sweeper in this process. Returns the closer to push to
 * `services.closers`. BullMQ workers block on Redis, hence a connection of their own with
 * `maxRetriesPerRequest: null`.
 */
export function startReminderWorker(
  services: Pick<Services, 'models' | 'wechat' | 'config' | 'logger'>,
  queue: ReminderQueue,
): () => Promise<void> {
  const { config, logger } = services;
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<ReminderJobData>(
    REMINDER_QUEUE,
    async (job) => {
      const outcome = await deliverReminder(services, job.data);
      logger.info({ jobId: job.id, appointmentId: job.data.appointmentId, outcome }, 'appointment reminder');
      return outcome;
    },
    { connection, prefix: bullPrefix(config.redisPrefix), concurrency: 4 },
  );
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, err: err.message }, 'appointment reminder failed'));
  worker.on('error', (err) => logger.warn({ err: err.message }, 'reminder worker error'));

  const sweep = () =>
    sweepReminders(services, queue).then(
      (r) => {
        if (r.requeued) logger.warn(r, 'reminder sweeper re-enqueued missing jobs');
      },
      (err: unknown) => logger.warn({ err: String(err) }, 'reminder sweep failed'),
    );
  void sweep();
  const timer = setInterval(() => void sweep(), config.customer.reminders.sweepSec * 1000);
  timer.unref();

  return async () => {
    clearInterval(timer);
    await worker.close();
    connection.disconnect();
  };
}

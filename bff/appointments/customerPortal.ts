import { createHmac } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../src/config';
import type { Services } from '../src/context';
import { SmsOtpStore } from '../auth/smsOtp';
import { createSmsClient, type SmsClient } from '../clients/smsClient';
import { ReminderQueue } from '../jobs/appointmentReminders/reminderQueue';
import { startReminderWorker } from '../jobs/appointmentReminders/reminderWorker';

/**
 * The customer portal's services: SMS gateway client, one-time-code store and the reminder
 * queue; plus, when `reminders.worker` is on, the reminder worker and sweeper.
 *
 * createApp builds its services in one object literal, so this receives `getServices` and
 * touches the finished object only later: the queue registers its closer when it first
 * connects, and the worker starts in a microtask, after createApp has returned.
 */
export interface CustomerPortal {
  sms: SmsClient;
  otp: SmsOtpStore;
  reminders: ReminderQueue;
}

export function createCustomerPortal(deps: { config: AppConfig; redis: Redis }, getServices: () => Services): CustomerPortal {
  const { config, redis } = deps;
  const { sms } = config.customer;
  // A key for one-time-code digests, derived from the index key and separate from its other uses.
  const otpSecret = createHmac('sha256', config.dataKeys.indexKey).update('sms-otp-key').digest();
  const reminders = new ReminderQueue({ redisUrl: config.redisUrl, redisPrefix: config.redisPrefix }, (close) =>
    getServices().closers.push(close),
  );
  if (config.customer.reminders.worker) {
    queueMicrotask(() => {
      const services = getServices();
      services.closers.push(startReminderWorker(services, reminders));
    });
  }
  return {
    sms: createSmsClient({ apiBase: sms.apiBase, apiKey: sms.apiKey }),
    otp: new SmsOtpStore(redis, config.redisPrefix, otpSecret, {
      ttlSec: sms.codeTtlSec,
      resendSec: sms.resendSec,
      dailyLimit: sms.dailyLimit,
      maxAttempts: sms.maxAttempts,
    }),
    reminders,
  };
}

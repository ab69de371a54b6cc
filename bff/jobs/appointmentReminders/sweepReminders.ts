import mongoose from 'mongoose';
import type { Services } from '../../src/context';
import type { AppointmentDoc } from '../../models/Appointment';
import type { ReminderQueue } from './reminderQueue';

/**
 * The database is the source of truth for reminders; Redis only holds the delayed jobs. After
 * a Redis flush or failover, or a crash between saving an appointment and enqueueing its job,
 * this re-enqueues every due-but-unsent reminder whose job is missing. Runs at worker start
 * and every `reminders.sweepSec`.
 */
export async function sweepReminders(
  services: Pick<Services, 'models'>,
  queue: ReminderQueue,
  now = new Date(),
): Promise<{ checked: number; requeued: number }> {
  const { models } = services;
  const pending = await models.Appointment.find({
    status: 'confirmed',
    'reminder.subscribed': true,
    'reminder.jobId': mongoose.trusted({ $ne: null }),
    slotStart: mongoose.trusted({ $gt: now }),
  })
    .limit(5000)
    .lean<AppointmentDoc[]>();
  if (pending.length === 0) return { checked: 0, requeued: 0 };
  const jobIds = pending.map((a) => a.reminder!.jobId!);
  const delivered = new Set(
    (await models.ReminderDelivery.find({ _id: mongoose.trusted({ $in: jobIds }) }, { _id: 1 }).lean()).map((d) => String(d._id)),
  );
  let requeued = 0;
  for (const appt of pending) {
    const jobId = appt.reminder!.jobId!;
    if (delivered.has(jobId) || (await queue.has(jobId))) continue;
    await queue.schedule(String(appt._id), appt.version, appt.reminder!.dueAt ?? now, now);
    requeued++;
  }
  return { checked: pending.length, requeued };
}

import type { Services } from '../src/context';
import type { AppointmentStatus } from '@sunshine/shared';
import { reminderDueAt } from '../appointments/slotCalendar';
import { reminderJobId } from '../jobs/appointmentReminders/reminderQueue';

/**
 * What an appointment version's reminder should be: one job, due `leadSec` before the slot,
 * for a confirmed appointment whose customer tapped to subscribe; nothing otherwise.
 */
export function reminderPlan(
  appt: { id: string; version: number; status: AppointmentStatus; subscribed: boolean; slotStart: Date },
  leadSec: number,
  now: Date,
): { subscribed: boolean; dueAt: Date | null; jobId: string | null } {
  if (appt.status !== 'confirmed' || !appt.subscribed) return { subscribed: appt.subscribed, dueAt: null, jobId: null };
  return { subscribed: true, dueAt: reminderDueAt(appt.slotStart, leadSec, now), jobId: reminderJobId(appt.id, appt.version) };
}

/**
 * Replaces the previous version's job by the new one. The appointment document is already
 * saved: if Redis fails here the sweeper enqueues the job later, so this logs and carries on.
 */
export async function replaceReminderJob(
  services: Pick<Services, 'customerPortal' | 'logger'>,
  appointmentId: string,
  previousJobId: string | null | undefined,
  next: { version: number; dueAt: Date | null; jobId: string | null },
  now: Date,
): Promise<void> {
  const queue = services.customerPortal.reminders;
  try {
    if (previousJobId && previousJobId !== next.jobId) await queue.unschedule(previousJobId);
    if (next.jobId && next.dueAt) await queue.schedule(appointmentId, next.version, next.dueAt, now);
  } catch (err) {
    services.logger.warn({ appointmentId, err: (err as Error).message }, 'reminder job not updated; the sweeper will retry');
  }
}

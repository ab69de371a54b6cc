import { Types } from 'mongoose';
import { ERROR_IDS, type AppointmentStatus, type RescheduleAppointment } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { AppointmentDoc } from '../models/Appointment';
import { ScopedCollection, type DataScope } from '../policies/scope';
import { AppError, ConflictError, NotFoundError } from '../src/errors';
import { cstDay, isBookable, slotEnd } from '../appointments/slotCalendar';
import { bookableManager, claimSlot, releaseSlot, slotUnavailable } from './bookAppointment';
import { reminderPlan, replaceReminderJob } from './appointmentReminder';

/**
 * Confirm, reschedule or cancel an appointment. Who may: the customer their own appointment
 * (reschedule, cancel), the manager those within their data scope (confirm, reschedule).
 * Anything else looks like a missing appointment (404).
 *
 * FerretDB 1.x has no transactions and last-writer-wins updates, so a change is decided by
 * unique inserts: a reschedule first claims the new slot, then every change claims the
 * revision `<id>:<version+1>`; only the winner writes the document, frees the old slot and
 * replaces the reminder job.
 */
export type AppointmentActor = { kind: 'customer'; user: AuthUser } | { kind: 'staff'; user: AuthUser; scope: DataScope };

export type AppointmentChange = { action: 'confirm' } | ({ action: 'reschedule' } & RescheduleAppointment) | { action: 'cancel' };

type ChangeServices = Pick<Services, 'models' | 'config' | 'customerPortal' | 'logger'>;

export async function loadAppointmentFor(services: Pick<Services, 'models'>, actor: AppointmentActor, id: string): Promise<AppointmentDoc> {
  const { Appointment } = services.models;
  let appt: AppointmentDoc | null = null;
  if (actor.kind === 'customer') {
    const found = Types.ObjectId.isValid(id) ? await Appointment.findById(id).lean<AppointmentDoc>() : null;
    appt = found && String(found.customerId) === actor.user.id ? found : null;
  } else {
    appt = await new ScopedCollection(Appointment, actor.scope.filter).findById(id).lean<AppointmentDoc>();
  }
  if (!appt) throw new NotFoundError('未找到该预约');
  return appt;
}

export async function changeAppointment(
  services: ChangeServices,
  actor: AppointmentActor,
  id: string,
  change: AppointmentChange,
  now = new Date(),
): Promise<AppointmentDoc> {
  const { models } = services;
  const appt = await loadAppointmentFor(services, actor, id);
  if (appt.status === 'cancelled') throw new ConflictError('该预约已取消');
  if (change.action === 'confirm' && appt.status === 'confirmed') return appt;
  if (change.action !== 'cancel' && appt.slotStart.getTime() <= now.getTime()) throw new ConflictError('预约时间已过,无法修改');

  let status: AppointmentStatus = appt.status;
  let subscribed = !!appt.reminder?.subscribed;
  let newStart: Date | null = null;
  if (change.action === 'confirm') status = 'confirmed';
  if (change.action === 'cancel') status = 'cancelled';
  if (change.action === 'reschedule') {
    newStart = new Date(change.slotStart);
    if (newStart.getTime() === appt.slotStart.getTime()) throw slotUnavailable();
    const bookable = await bookableManager(services, appt.managerId);
    if (!bookable || !isBookable(bookable.windows, newStart, now)) throw slotUnavailable();
    // The manager's new time stands; a customer's new time waits for the manager again.
    status = actor.kind === 'staff' ? 'confirmed' : 'requested';
    if (change.reminder) subscribed = change.reminder === 'accept';
    await claimSlot(services, appt.managerId, newStart, appt._id);
  }

  const version = appt.version + 1;
  try {
    await models.AppointmentRevision.create({
      _id: `${appt._id}:${version}`,
      appointmentId: appt._id,
      version,
      action: change.action,
      by: `${actor.kind}:${actor.user.id}`,
      fields: { status, ...(newStart ? { slotStart: newStart } : {}) },
      at: now,
    });
  } catch (err) {
    if (newStart) await releaseSlot(services, appt.managerId, newStart, appt._id);
    if ((err as { code?: number }).code === 11000) {
      throw new AppError(409, ERROR_IDS.appointmentStale, '预约已被修改,请刷新后重试');
    }
    throw err;
  }

  const slotStart = newStart ?? appt.slotStart;
  const plan = reminderPlan(
    { id: String(appt._id), version, status, subscribed, slotStart },
    services.config.customer.reminders.leadSec,
    now,
  );
  await models.Appointment.updateOne(
    { _id: appt._id },
    {
      $set: {
        status,
        version,
        slotStart,
        slotEnd: slotEnd(slotStart),
        day: cstDay(slotStart),
        reminder: { subscribed: plan.subscribed, dueAt: plan.dueAt, jobId: plan.jobId },
      },
    },
  );
  // The slot left behind is free again: after a move, or when the appointment is cancelled.
  if (newStart || status === 'cancelled') await releaseSlot(services, appt.managerId, appt.slotStart, appt._id);
  await replaceReminderJob(services, String(appt._id), appt.reminder?.jobId, { version, ...plan }, now);
  return (await models.Appointment.findById(appt._id).lean<AppointmentDoc>())!;
}

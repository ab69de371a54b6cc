import mongoose from 'mongoose';
import type { Appointment } from '@sunshine/shared';
import type { Models } from '../models';
import type { AppointmentDoc } from '../models/Appointment';

/**
 * Appointments as clients see them: the manager's name, the customer's chosen name and masked
 * phone, and whether the reminder went out (from ReminderDelivery). The loaders read by _id
 * with $in, one query per collection for a whole list.
 */
export async function presentAppointments(
  models: Pick<Models, 'User' | 'ReminderDelivery'>,
  rows: AppointmentDoc[],
): Promise<Appointment[]> {
  if (rows.length === 0) return [];
  const managerIds = [...new Set(rows.map((r) => String(r.managerId)))];
  const jobIds = rows.map((r) => r.reminder?.jobId).filter((j): j is string => !!j);
  const [managers, deliveries] = await Promise.all([
    models.User.find({ _id: mongoose.trusted({ $in: managerIds }) }, { name: 1 }).lean(),
    jobIds.length ? models.ReminderDelivery.find({ _id: mongoose.trusted({ $in: jobIds }), status: 'sent' }).lean() : Promise.resolve([]),
  ]);
  const nameOf = new Map(managers.map((m) => [String(m._id), m.name]));
  const sentAt = new Map(deliveries.map((d) => [String(d._id), d.sentAt ?? null]));
  return rows.map((r) =>
    presentAppointment(r, nameOf.get(String(r.managerId)) ?? '客户经理', r.reminder?.jobId ? sentAt.get(r.reminder.jobId) : null),
  );
}

export function presentAppointment(r: AppointmentDoc, managerName: string, reminderSentAt?: Date | null): Appointment {
  return {
    id: String(r._id),
    status: r.status,
    slotStart: r.slotStart.toISOString(),
    slotEnd: r.slotEnd.toISOString(),
    productId: r.productId as Appointment['productId'],
    note: r.note ?? '',
    version: r.version,
    manager: { id: String(r.managerId), name: managerName },
    customer: { contactName: r.contactName ?? '', phoneMasked: r.customerPhoneMasked ?? null },
    householdId: r.householdId ? String(r.householdId) : null,
    reminder: { subscribed: !!r.reminder?.subscribed, sentAt: reminderSentAt ? reminderSentAt.toISOString() : null },
  };
}

import mongoose, { Types } from 'mongoose';
import { ERROR_IDS, type BookAppointment } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { AppointmentDoc } from '../models/Appointment';
import type { CustomerDoc } from '../models/Customer';
import type { UserDoc } from '../models/User';
import type { ManagerAvailabilityDoc } from '../models/ManagerAvailability';
import { AppError, ConflictError, UnauthenticatedError } from '../src/errors';
import { cstDay, isBookable, slotEnd, slotKey } from '../appointments/slotCalendar';

/** Open (requested or confirmed, still ahead) appointments one customer may hold at once. */
export const MAX_OPEN_APPOINTMENTS = 3;

export function slotUnavailable(): AppError {
  return new AppError(409, ERROR_IDS.slotUnavailable, '该时段不可预约,请选择其他时段', { field: 'slotStart' });
}

export function slotTaken(): AppError {
  return new AppError(409, ERROR_IDS.slotTaken, '该时段已被预约,请选择其他时段', { field: 'slotStart' });
}

/** The manager a customer books with, if still active and publishing availability. */
export async function bookableManager(services: Pick<Services, 'models'>, managerId: Types.ObjectId) {
  const [manager, availability] = await Promise.all([
    services.models.User.findById(managerId).lean<UserDoc>(),
    services.models.ManagerAvailability.findById(String(managerId)).lean<ManagerAvailabilityDoc>(),
  ]);
  if (!manager || !manager.active || manager.role !== 'manager') return null;
  return { manager, windows: availability?.windows ?? [] };
}

/** Takes a slot by inserting its claim: of concurrent requests for one slot exactly one wins. */
export async function claimSlot(services: Pick<Services, 'models'>, managerId: Types.ObjectId, start: Date, appointmentId: Types.ObjectId) {
  try {
    await services.models.SlotClaim.create({ _id: slotKey(String(managerId), start), appointmentId });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw slotTaken();
    throw err;
  }
}

export async function releaseSlot(
  services: Pick<Services, 'models'>,
  managerId: Types.ObjectId,
  start: Date,
  appointmentId: Types.ObjectId,
) {
  await services.models.SlotClaim.deleteOne({ _id: slotKey(String(managerId), start), appointmentId });
}

/**
 * A customer books one of their manager's published slots. The appointment starts as
 * `requested`; the manager confirms it, which schedules the reminder.
 */
export async function bookAppointment(
  services: Pick<Services, 'models'>,
  user: AuthUser,
  input: BookAppointment,
  now = new Date(),
): Promise<AppointmentDoc> {
  const { models } = services;
  const customer = await models.Customer.findById(user.id).lean<CustomerDoc>();
  if (!customer) throw new UnauthenticatedError();
  const bookable = await bookableManager(services, customer.managerId);
  const start = new Date(input.slotStart);
  if (!bookable || !isBookable(bookable.windows, start, now)) throw slotUnavailable();

  const open = await models.Appointment.countDocuments({
    customerId: customer._id,
    status: mongoose.trusted({ $in: ['requested', 'confirmed'] }),
    slotStart: mongoose.trusted({ $gt: now }),
  });
  if (open >= MAX_OPEN_APPOINTMENTS) throw new ConflictError(`最多同时保留${MAX_OPEN_APPOINTMENTS}个预约,请先取消不需要的预约`);

  const id = new Types.ObjectId();
  await claimSlot(services, customer.managerId, start, id);
  try {
    // The revision first: an orphan revision is harmless, an orphan appointment would hold nothing.
    await models.AppointmentRevision.create({
      _id: `${id}:1`,
      appointmentId: id,
      version: 1,
      action: 'book',
      by: `customer:${user.id}`,
      fields: { slotStart: start, productId: input.productId },
      at: now,
    });
    await models.Appointment.create({
      _id: id,
      managerId: customer.managerId,
      branchId: bookable.manager.branchId ?? customer.branchId ?? 'none',
      customerId: customer._id,
      householdId: customer.householdId ?? null,
      slotStart: start,
      slotEnd: slotEnd(start),
      day: cstDay(start),
      status: 'requested',
      productId: input.productId,
      note: input.note,
      contactName: input.contactName,
      customerPhoneMasked: customer.phoneMasked ?? null,
      version: 1,
      reminder: { subscribed: input.reminder === 'accept', dueAt: null, jobId: null },
    });
  } catch (err) {
    await releaseSlot(services, customer.managerId, start, id);
    throw err;
  }
  return (await models.Appointment.findById(id).lean<AppointmentDoc>())!;
}

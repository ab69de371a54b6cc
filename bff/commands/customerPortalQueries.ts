import mongoose, { Types } from 'mongoose';
import { BANK_PRODUCTS, type CustomerCard, type Slot } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { CustomerDoc } from '../models/Customer';
import type { UserDoc } from '../models/User';
import type { ManagerAvailabilityDoc } from '../models/ManagerAvailability';
import type { AppointmentDoc } from '../models/Appointment';
import { UnauthenticatedError } from '../src/errors';
import { cstDay, slotEnd, slotKey, upcomingSlots } from '../appointments/slotCalendar';
import { bookableManager } from './bookAppointment';

/** What a signed-in customer reads: their manager's card, free slots, their appointments. */
async function customerOf(services: Pick<Services, 'models'>, user: AuthUser): Promise<CustomerDoc> {
  const customer = await services.models.Customer.findById(user.id).lean<CustomerDoc>();
  if (!customer) throw new UnauthenticatedError();
  return customer;
}

export async function customerCard(services: Pick<Services, 'models' | 'config'>, user: AuthUser): Promise<CustomerCard> {
  const { models } = services;
  const customer = await customerOf(services, user);
  const [manager, availability] = await Promise.all([
    models.User.findById(customer.managerId).lean<UserDoc>(),
    models.ManagerAvailability.findById(String(customer.managerId)).lean<ManagerAvailabilityDoc>(),
  ]);
  const branch = manager?.branchId ? await models.Branch.findById(manager.branchId).lean() : null;
  return {
    manager: {
      id: String(customer.managerId),
      name: manager?.name ?? '客户经理',
      branchName: branch?.name ?? null,
      workPhoneMasked: availability?.workPhoneMasked ?? null,
    },
    products: BANK_PRODUCTS.map((p) => ({ ...p, highlights: [...p.highlights] })),
    reminderTemplateId: services.config.customer.reminders.templateId,
  };
}

/** The manager's published slots minus those already claimed (a primary-key $in read). */
export async function customerSlots(
  services: Pick<Services, 'models'>,
  user: AuthUser,
  query: { from?: string; days: number },
  now = new Date(),
): Promise<Slot[]> {
  const customer = await customerOf(services, user);
  return freeSlots(services, customer.managerId, query, now);
}

/** A manager's free slots: the customer books from these, the manager reschedules to them. */
export async function freeSlots(
  services: Pick<Services, 'models'>,
  managerId: Types.ObjectId,
  query: { from?: string; days: number },
  now = new Date(),
): Promise<Slot[]> {
  const bookable = await bookableManager(services, managerId);
  if (!bookable) return [];
  const starts = upcomingSlots(bookable.windows, query.from ?? cstDay(now), query.days, now);
  if (starts.length === 0) return [];
  const keys = starts.map((s) => slotKey(String(managerId), s));
  const taken = new Set(
    (await services.models.SlotClaim.find({ _id: mongoose.trusted({ $in: keys }) }, { _id: 1 }).lean()).map((c) => String(c._id)),
  );
  return starts.filter((_, i) => !taken.has(keys[i]!)).map((s) => ({ start: s.toISOString(), end: slotEnd(s).toISOString() }));
}

export async function customerAppointments(services: Pick<Services, 'models'>, user: AuthUser): Promise<AppointmentDoc[]> {
  const customer = await customerOf(services, user);
  return services.models.Appointment.find({ customerId: customer._id }).sort({ slotStart: -1 }).limit(50).lean<AppointmentDoc[]>();
}

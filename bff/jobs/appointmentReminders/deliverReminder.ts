import { Types } from 'mongoose';
import { BANK_PRODUCTS } from '@sunshine/shared';
import type { Services } from '../../src/context';
import type { AppointmentDoc } from '../../models/Appointment';
import type { CustomerDoc } from '../../models/Customer';
import type { UserDoc } from '../../models/User';
import { cstLabel } from '../../appointments/slotCalendar';
import { reminderJobId, type ReminderJobData } from './reminderQueue';

/** The page a reminder opens: the customer's appointments. */
export const REMINDER_PAGE = 'subpackages/customer/pages/mine/index';

export type DeliveryOutcome = 'sent' | 'stale' | 'not_subscribed' | 'no_openid' | 'already_sent';

/**
 * Sends one reminder, if it is still wanted: the job's version must be the appointment's
 * current version (a reschedule makes older jobs stale even if their removal lost a race),
 * the appointment confirmed, and the customer subscribed. A ReminderDelivery row keyed by the
 * job id is inserted before sending, so retries and sweeper re-enqueues send at most once.
 */
export async function deliverReminder(
  services: Pick<Services, 'models' | 'wechat' | 'config'>,
  data: ReminderJobData,
): Promise<DeliveryOutcome> {
  const { models } = services;
  if (!Types.ObjectId.isValid(data.appointmentId)) return 'stale';
  const appt = await models.Appointment.findById(data.appointmentId).lean<AppointmentDoc>();
  if (!appt || appt.version !== data.version || appt.status !== 'confirmed') return 'stale';
  if (!appt.reminder?.subscribed) return 'not_subscribed';
  const customer = await models.Customer.findById(appt.customerId).lean<CustomerDoc>();
  if (!customer?.openid) return 'no_openid';

  const jobId = reminderJobId(data.appointmentId, data.version);
  try {
    await models.ReminderDelivery.create({ _id: jobId, appointmentId: appt._id, status: 'sending' });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return 'already_sent';
    throw err;
  }
  const manager = await models.User.findById(appt.managerId).lean<UserDoc>();
  const product = BANK_PRODUCTS.find((p) => p.id === appt.productId);
  try {
    await services.wechat.sendSubscribeMessage({
      touser: customer.openid,
      templateId: services.config.customer.reminders.templateId,
      page: REMINDER_PAGE,
      data: {
        thing1: { value: product?.name ?? '业务咨询' },
        time2: { value: cstLabel(appt.slotStart) },
        name3: { value: manager?.name ?? '客户经理' },
        thing4: { value: '请按预约时间等候,如需改期请在小程序内操作' },
      },
    });
  } catch (err) {
    // Not sent: release the claim so BullMQ's retry can send it.
    await models.ReminderDelivery.deleteOne({ _id: jobId });
    throw err;
  }
  await models.ReminderDelivery.updateOne({ _id: jobId }, { $set: { status: 'sent', sentAt: new Date() } });
  return 'sent';
}

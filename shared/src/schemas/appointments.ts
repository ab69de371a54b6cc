import { z } from 'zod';
import { objectIdSchema } from './common';
import { mobilePhoneSchema, productIdSchema } from './customer';

/**
 * Appointments (预约): managers publish weekly availability, split into 30-minute slots in
 * China Standard Time; a customer books one slot, the manager confirms it, and a reminder goes
 * out before it starts.
 */
export const SLOT_MINUTES = 30;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为HH:MM');
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export const availabilityWindowSchema = z
  .object({
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: z.number({ error: '请选择星期' }).int().min(1, '星期应为1-7').max(7, '星期应为1-7'),
    start: hhmm,
    end: hhmm,
  })
  .refine((w) => toMinutes(w.end) - toMinutes(w.start) >= SLOT_MINUTES, { message: '结束时间应至少晚于开始时间30分钟', path: ['end'] })
  .refine((w) => toMinutes(w.start) % SLOT_MINUTES === 0 && toMinutes(w.end) % SLOT_MINUTES === 0, {
    message: '时间应为整点或半点',
    path: ['start'],
  });
export type AvailabilityWindow = z.infer<typeof availabilityWindowSchema>;

export const availabilitySchema = z
  .object({
    windows: z.array(availabilityWindowSchema).max(28, '时间段过多'),
    /** Shown masked on the share card; absent keeps the current one, null removes it. */
    workPhone: mobilePhoneSchema.nullable().optional(),
  })
  .meta({ id: 'Availability' });
export type Availability = z.infer<typeof availabilitySchema>;
export type AvailabilityInput = z.input<typeof availabilitySchema>;

export const availabilityResponseSchema = z
  .object({ windows: z.array(availabilityWindowSchema), workPhoneMasked: z.string().nullable() })
  .meta({ id: 'AvailabilityResponse' });
export type AvailabilityResponse = z.infer<typeof availabilityResponseSchema>;

export const slotsQuerySchema = z.object({
  from: z.iso.date({ error: '日期格式应为YYYY-MM-DD' }).optional(),
  days: z.coerce.number().int().min(1).max(14).default(7),
});

export const slotSchema = z.object({ start: z.string(), end: z.string() }).meta({ id: 'Slot' });
export type Slot = z.infer<typeof slotSchema>;
export const slotListSchema = z.object({ data: z.array(slotSchema) });

/** What WeChat's requestSubscribeMessage answered for our template. */
export const SUBSCRIBE_DECISIONS = ['accept', 'reject', 'ban', 'filter'] as const;
export const subscribeDecisionSchema = z.enum(SUBSCRIBE_DECISIONS);

export const slotStartSchema = z.iso.datetime({ offset: true, error: '请选择预约时段' });

export const bookAppointmentSchema = z
  .object({
    slotStart: slotStartSchema,
    productId: productIdSchema,
    note: z.string().trim().max(200, '备注最多200字').default(''),
    contactName: z.string().trim().max(20, '称呼最多20字').default(''),
    /** Only WeChat customers can subscribe; the value is what the tap on 订阅 returned. */
    reminder: subscribeDecisionSchema.optional(),
  })
  .meta({ id: 'BookAppointment' });
export type BookAppointment = z.infer<typeof bookAppointmentSchema>;
export type BookAppointmentInput = z.input<typeof bookAppointmentSchema>;

export const rescheduleAppointmentSchema = z
  .object({ slotStart: slotStartSchema, reminder: subscribeDecisionSchema.optional() })
  .meta({ id: 'RescheduleAppointment' });
export type RescheduleAppointment = z.infer<typeof rescheduleAppointmentSchema>;

export const APPOINTMENT_STATUSES = ['requested', 'confirmed', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  requested: '待确认',
  confirmed: '已确认',
  cancelled: '已取消',
};

export const appointmentSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    slotStart: z.string(),
    slotEnd: z.string(),
    productId: productIdSchema,
    note: z.string(),
    version: z.number().int(),
    manager: z.object({ id: z.string(), name: z.string() }),
    customer: z.object({ contactName: z.string(), phoneMasked: z.string().nullable() }),
    householdId: z.string().nullable(),
    reminder: z.object({ subscribed: z.boolean(), sentAt: z.string().nullable() }),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof appointmentSchema>;
export const appointmentListSchema = z.object({ data: z.array(appointmentSchema) });

export const appointmentsQuerySchema = z.object({
  date: z.iso.date({ error: '日期格式应为YYYY-MM-DD' }),
});

export const appointmentParamsSchema = z.object({ id: objectIdSchema });

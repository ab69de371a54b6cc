import Router from '@koa/router';
import {
  appointmentListSchema,
  appointmentParamsSchema,
  appointmentSchema,
  appointmentsQuerySchema,
  availabilityResponseSchema,
  availabilitySchema,
  errorResponseSchema,
  rescheduleAppointmentSchema,
  slotListSchema,
  slotsQuerySchema,
} from '@sunshine/shared';
import { Types } from 'mongoose';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { ScopedCollection } from '../../policies/scope';
import { changeAppointment } from '../../commands/changeAppointment';
import { loadAvailability, saveAvailability } from '../../commands/managerAvailability';
import { freeSlots } from '../../commands/customerPortalQueries';
import { presentAppointments } from '../../presenters/presentAppointment';
import type { AppointmentDoc } from '../../models/Appointment';

/**
 * The staff side of appointments: a day's appointments within the caller's data scope
 * (a manager's own, a president's branch), confirm and reschedule by the manager, and the
 * manager's weekly availability.
 */
export function appointmentRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  const errors = {
    400: { description: '输入无效', schema: errorResponseSchema },
    401: { description: '未登录', schema: errorResponseSchema },
    403: { description: '无权操作', schema: errorResponseSchema },
  };
  const changeErrors = {
    ...errors,
    404: { description: '未找到该预约', schema: errorResponseSchema },
    409: { description: '时段不可用或预约已被修改', schema: errorResponseSchema },
  };

  defineRoute(router, {
    method: 'get',
    path: '/appointments',
    summary: 'Appointments of one day (China Standard Time) within the caller’s data scope',
    tags: ['appointments'],
    policy: 'readsAppointments',
    query: appointmentsQuerySchema,
    responses: { 200: { description: '当天预约', schema: appointmentListSchema }, ...errors },
    async handler(ctx, { query, scope }) {
      const rows = await new ScopedCollection(ctx.services.models.Appointment, scope.filter)
        .find({ day: query.date })
        .sort({ slotStart: 1 })
        .limit(500)
        .lean<AppointmentDoc[]>();
      ctx.body = { data: await presentAppointments(ctx.services.models, rows) };
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/appointments/{id}/confirm',
    summary: 'Confirm an appointment; schedules the customer’s reminder if they subscribed',
    tags: ['appointments'],
    policy: 'managesAppointments',
    params: appointmentParamsSchema,
    responses: { 200: { description: '已确认', schema: appointmentSchema }, ...changeErrors },
    async handler(ctx, { user, scope, params }) {
      const appt = await changeAppointment(ctx.services, { kind: 'staff', user, scope }, params.id, { action: 'confirm' });
      ctx.body = (await presentAppointments(ctx.services.models, [appt]))[0];
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/appointments/{id}/reschedule',
    summary: 'Move an appointment to another of the manager’s free slots (stays confirmed)',
    tags: ['appointments'],
    policy: 'managesAppointments',
    params: appointmentParamsSchema,
    body: rescheduleAppointmentSchema,
    responses: { 200: { description: '已改期', schema: appointmentSchema }, ...changeErrors },
    async handler(ctx, { user, scope, params, body }) {
      const appt = await changeAppointment(ctx.services, { kind: 'staff', user, scope }, params.id, {
        action: 'reschedule',
        slotStart: body.slotStart,
      });
      ctx.body = (await presentAppointments(ctx.services.models, [appt]))[0];
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/me/slots',
    summary: 'The manager’s own free slots, to reschedule an appointment to',
    tags: ['appointments'],
    policy: 'managesAppointments',
    query: slotsQuerySchema,
    responses: { 200: { description: '空闲时段', schema: slotListSchema }, ...errors },
    async handler(ctx, { user, query }) {
      ctx.body = { data: await freeSlots(ctx.services, new Types.ObjectId(user.id), query) };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/me/availability',
    summary: 'The manager’s weekly availability and masked work phone',
    tags: ['appointments'],
    policy: 'managesAppointments',
    responses: { 200: { description: '可预约时间', schema: availabilityResponseSchema }, ...errors },
    async handler(ctx, { user }) {
      ctx.body = await loadAvailability(ctx.services, user.id);
    },
  });

  defineRoute(router, {
    method: 'put',
    path: '/me/availability',
    summary: 'Replace the manager’s weekly availability (30-minute slots, China Standard Time)',
    tags: ['appointments'],
    policy: 'managesAppointments',
    body: availabilitySchema,
    responses: { 200: { description: '已保存', schema: availabilityResponseSchema }, ...errors },
    async handler(ctx, { user, body }) {
      ctx.body = await saveAvailability(ctx.services, user, body);
    },
  });

  return router;
}

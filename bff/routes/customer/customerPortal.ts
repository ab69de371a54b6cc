import Router from '@koa/router';
import {
  appointmentListSchema,
  appointmentParamsSchema,
  appointmentSchema,
  bookAppointmentSchema,
  customerCardSchema,
  errorResponseSchema,
  rescheduleAppointmentSchema,
  slotListSchema,
  slotsQuerySchema,
} from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { customerAppointments, customerCard, customerSlots } from '../../commands/customerPortalQueries';
import { bookAppointment } from '../../commands/bookAppointment';
import { changeAppointment } from '../../commands/changeAppointment';
import { presentAppointments } from '../../presenters/presentAppointment';

/** The customer's side: their manager's card, free slots, booking and their own appointments. */
export function customerPortalRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  const errors = {
    400: { description: '输入无效', schema: errorResponseSchema },
    401: { description: '未登录', schema: errorResponseSchema },
    403: { description: '仅限客户', schema: errorResponseSchema },
  };
  const changeErrors = {
    ...errors,
    404: { description: '未找到该预约', schema: errorResponseSchema },
    409: { description: '时段已被预约、不可预约,或预约已被修改', schema: errorResponseSchema },
  };

  defineRoute(router, {
    method: 'get',
    path: '/customer/card',
    summary: 'The customer’s manager (masked work phone) and the bank’s products',
    tags: ['customer'],
    policy: 'isCustomer',
    responses: { 200: { description: '客户经理名片', schema: customerCardSchema }, ...errors },
    async handler(ctx, { user }) {
      ctx.body = await customerCard(ctx.services, user);
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/customer/slots',
    summary: 'Free 30-minute slots of the customer’s manager',
    tags: ['customer'],
    policy: 'isCustomer',
    query: slotsQuerySchema,
    responses: { 200: { description: '可预约时段', schema: slotListSchema }, ...errors },
    async handler(ctx, { user, query }) {
      ctx.body = { data: await customerSlots(ctx.services, user, query) };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/customer/appointments',
    summary: 'The customer’s own appointments, latest slot first',
    tags: ['customer'],
    policy: 'isCustomer',
    responses: { 200: { description: '我的预约', schema: appointmentListSchema }, ...errors },
    async handler(ctx, { user }) {
      ctx.body = { data: await presentAppointments(ctx.services.models, await customerAppointments(ctx.services, user)) };
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/customer/appointments',
    summary: 'Book a slot; of concurrent bookings of one slot exactly one succeeds',
    tags: ['customer'],
    policy: 'isCustomer',
    body: bookAppointmentSchema,
    responses: { 201: { description: '已预约,待客户经理确认', schema: appointmentSchema }, ...changeErrors },
    async handler(ctx, { user, body }) {
      const appt = await bookAppointment(ctx.services, user, body);
      ctx.status = 201;
      ctx.body = (await presentAppointments(ctx.services.models, [appt]))[0];
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/customer/appointments/{id}/reschedule',
    summary: 'Move one’s own appointment to another free slot (the manager confirms again)',
    tags: ['customer'],
    policy: 'isCustomer',
    params: appointmentParamsSchema,
    body: rescheduleAppointmentSchema,
    responses: { 200: { description: '已改期', schema: appointmentSchema }, ...changeErrors },
    async handler(ctx, { user, params, body }) {
      const appt = await changeAppointment(ctx.services, { kind: 'customer', user }, params.id, { action: 'reschedule', ...body });
      ctx.body = (await presentAppointments(ctx.services.models, [appt]))[0];
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/customer/appointments/{id}/cancel',
    summary: 'Cancel one’s own appointment; frees the slot and removes its reminder',
    tags: ['customer'],
    policy: 'isCustomer',
    params: appointmentParamsSchema,
    responses: { 200: { description: '已取消', schema: appointmentSchema }, ...changeErrors },
    async handler(ctx, { user, params }) {
      const appt = await changeAppointment(ctx.services, { kind: 'customer', user }, params.id, { action: 'cancel' });
      ctx.body = (await presentAppointments(ctx.services.models, [appt]))[0];
    },
  });

  return router;
}

import type {
  Appointment,
  BookAppointmentInput,
  CustomerCard,
  RescheduleAppointment,
  Slot,
  SmsCodeSent,
  TokenPair,
} from '@sunshine/shared';
import { saveTokenPair, type Session } from '../stores/session';
import { request } from './request';

/** The customer's side of appointments: sign-in through a share card, card, slots, bookings. */

/** Weapp: a `wx.login` code and the card's code. */
export async function customerWechatLogin(code: string, shareCode: string): Promise<Session> {
  const pair = await request<TokenPair>({ method: 'POST', path: '/public/customer/wechat-login', data: { code, shareCode }, auth: false });
  return saveTokenPair(pair);
}

/** H5: ask for a one-time code by SMS. */
export function requestSmsCode(phone: string, shareCode: string): Promise<SmsCodeSent> {
  return request<SmsCodeSent>({ method: 'POST', path: '/public/customer/sms-code', data: { phone, shareCode }, auth: false });
}

/** H5: sign in with the code. */
export async function customerSmsLogin(phone: string, code: string, shareCode: string): Promise<Session> {
  const pair = await request<TokenPair>({
    method: 'POST',
    path: '/public/customer/sms-login',
    data: { phone, code, shareCode },
    auth: false,
  });
  return saveTokenPair(pair);
}

export function fetchCustomerCard(): Promise<CustomerCard> {
  return request<CustomerCard>({ path: '/customer/card' });
}

export async function fetchCustomerSlots(days = 7): Promise<Slot[]> {
  return (await request<{ data: Slot[] }>({ path: '/customer/slots', query: { days } })).data;
}

export async function fetchMyAppointments(): Promise<Appointment[]> {
  return (await request<{ data: Appointment[] }>({ path: '/customer/appointments' })).data;
}

export function bookAppointment(input: BookAppointmentInput): Promise<Appointment> {
  return request<Appointment>({ method: 'POST', path: '/customer/appointments', data: input });
}

export function rescheduleMyAppointment(id: string, input: RescheduleAppointment): Promise<Appointment> {
  return request<Appointment>({ method: 'POST', path: `/customer/appointments/${id}/reschedule`, data: input });
}

export function cancelMyAppointment(id: string): Promise<Appointment> {
  return request<Appointment>({ method: 'POST', path: `/customer/appointments/${id}/cancel`, data: {} });
}

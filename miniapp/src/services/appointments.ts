import type { Appointment, AvailabilityInput, AvailabilityResponse, ShareCard, Slot } from '@sunshine/shared';
import { request } from './request';

/** The manager's side of appointments: share cards, the day's appointments, availability. */

export function createShareCard(householdId?: string): Promise<ShareCard> {
  return request<ShareCard>({ method: 'POST', path: '/share-cards', data: householdId ? { householdId } : {} });
}

export async function fetchAppointmentsOn(date: string): Promise<Appointment[]> {
  return (await request<{ data: Appointment[] }>({ path: '/appointments', query: { date } })).data;
}

export function confirmAppointment(id: string): Promise<Appointment> {
  return request<Appointment>({ method: 'POST', path: `/appointments/${id}/confirm`, data: {} });
}

export function rescheduleAppointment(id: string, slotStart: string): Promise<Appointment> {
  return request<Appointment>({ method: 'POST', path: `/appointments/${id}/reschedule`, data: { slotStart } });
}

export async function fetchMySlots(days = 7): Promise<Slot[]> {
  return (await request<{ data: Slot[] }>({ path: '/me/slots', query: { days } })).data;
}

export function fetchAvailability(): Promise<AvailabilityResponse> {
  return request<AvailabilityResponse>({ path: '/me/availability' });
}

export function saveAvailability(input: AvailabilityInput): Promise<AvailabilityResponse> {
  return request<AvailabilityResponse>({ method: 'PUT', path: '/me/availability', data: input });
}

import { act, render, screen, waitFor } from '@testing-library/react';
import type { Appointment } from '@sunshine/shared';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import {
  confirmAppointment as confirmService,
  fetchAppointmentsOn as listService,
  fetchMySlots as slotsService,
  rescheduleAppointment as rescheduleService,
} from '../../../../services/appointments';
import AppointmentsTodayPage from './index';

jest.mock('../../../../services/appointments', () => ({
  fetchAppointmentsOn: jest.fn(),
  confirmAppointment: jest.fn(),
  rescheduleAppointment: jest.fn(),
  fetchMySlots: jest.fn(),
}));
const fetchAppointmentsOn = jest.mocked(listService);
const confirmAppointment = jest.mocked(confirmService);
const rescheduleAppointment = jest.mocked(rescheduleService);
const fetchMySlots = jest.mocked(slotsService);

const appt = (overrides: Partial<Appointment> = {}): Appointment => ({
  id: 'a1',
  status: 'requested',
  slotStart: '2026-12-07T01:00:00.000Z',
  slotEnd: '2026-12-07T01:30:00.000Z',
  productId: 'hui_e_dai',
  note: '想了解额度',
  version: 1,
  manager: { id: 'm1', name: '王经理' },
  customer: { contactName: '李先生', phoneMasked: '138****5678' },
  householdId: null,
  reminder: { subscribed: true, sentAt: null },
  ...overrides,
});

const signInAs = (role: 'manager' | 'branch_president') =>
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r'.repeat(20),
    expiresIn: 900,
    user: { id: 'u1', username: 'u', role, branchId: '01', name: '某人' },
  });

beforeEach(() => {
  resetTaroStub();
  fetchAppointmentsOn.mockReset();
  confirmAppointment.mockReset();
  rescheduleAppointment.mockReset();
  fetchMySlots.mockReset();
});

it('a manager confirms a requested appointment, and the list reloads', async () => {
  signInAs('manager');
  fetchAppointmentsOn.mockResolvedValueOnce([appt()]).mockResolvedValueOnce([appt({ status: 'confirmed', version: 2 })]);
  confirmAppointment.mockResolvedValue(appt({ status: 'confirmed', version: 2 }));
  const { container } = render(<AppointmentsTodayPage />);
  expect(await screen.findByText('09:00–09:30')).toBeTruthy();
  expect(container.querySelector('#appointment-0')?.textContent).toContain('李先生 138****5678 · 惠E贷');
  act(() => (container.querySelector('#confirm-0') as HTMLElement).click());
  await waitFor(() => expect(confirmAppointment).toHaveBeenCalledWith('a1'));
  await waitFor(() => expect(container.querySelector('#confirm-0')).toBeNull());
  expect(container.querySelector('#appointment-0')?.textContent).toContain('已确认');
});

it('a manager moves an appointment to one of their free slots', async () => {
  signInAs('manager');
  fetchAppointmentsOn.mockResolvedValue([appt({ status: 'confirmed' })]);
  fetchMySlots.mockResolvedValue([{ start: '2026-12-07T02:00:00.000Z', end: '2026-12-07T02:30:00.000Z' }]);
  rescheduleAppointment.mockResolvedValue(appt());
  const { container } = render(<AppointmentsTodayPage />);
  await screen.findByText('09:00–09:30');
  await act(async () => {
    (container.querySelector('#reschedule-0') as HTMLElement).click();
  });
  await waitFor(() => expect(document.querySelector('#slot-0')).toBeTruthy());
  act(() => (document.querySelector('#slot-0') as HTMLElement).click());
  act(() => (document.querySelector('#reschedule-submit') as HTMLElement).click());
  await waitFor(() => expect(rescheduleAppointment).toHaveBeenCalledWith('a1', '2026-12-07T02:00:00.000Z'));
});

it('a branch president only looks: no confirm or reschedule buttons', async () => {
  signInAs('branch_president');
  fetchAppointmentsOn.mockResolvedValue([appt()]);
  const { container } = render(<AppointmentsTodayPage />);
  await screen.findByText('09:00–09:30');
  expect(container.querySelector('#confirm-0')).toBeNull();
  expect(container.querySelector('#reschedule-0')).toBeNull();
  expect(container.querySelector('#appointment-0')?.textContent).toContain('客户经理 王经理');
});

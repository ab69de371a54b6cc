import { act, render, screen, waitFor } from '@testing-library/react';
import { BANK_PRODUCTS, type CustomerCard } from '@sunshine/shared';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import {
  bookAppointment as bookService,
  fetchCustomerCard as cardService,
  fetchCustomerSlots as slotsService,
} from '../../../../services/customer';
import CustomerCardPage from './index';

jest.mock('@tarojs/taro', () => {
  const stub = jest.requireActual('../../../../../test/taroStub');
  const useRouter = () => ({ params: { c: 'k'.repeat(43) } });
  return { __esModule: true, ...stub, useRouter, default: { ...stub.default, useRouter } };
});
jest.mock('../../../../services/customer', () => ({
  fetchCustomerCard: jest.fn(),
  fetchCustomerSlots: jest.fn(),
  bookAppointment: jest.fn(),
  customerWechatLogin: jest.fn(),
  requestSmsCode: jest.fn(),
  customerSmsLogin: jest.fn(),
}));
const fetchCustomerCard = jest.mocked(cardService);
const fetchCustomerSlots = jest.mocked(slotsService);
const bookAppointment = jest.mocked(bookService);

const CARD: CustomerCard = {
  manager: { id: 'm1', name: '王经理', branchName: '黄桥支行', workPhoneMasked: '139****0001' },
  products: BANK_PRODUCTS.map((p) => ({ ...p, highlights: [...p.highlights] })),
  reminderTemplateId: 'tmpl-x',
};
// 2026-12-07 09:00 and 09:30 CST, 12-08 10:00 CST.
const SLOTS = ['2026-12-07T01:00:00.000Z', '2026-12-07T01:30:00.000Z', '2026-12-08T02:00:00.000Z'].map((start) => ({
  start,
  end: new Date(Date.parse(start) + 1800_000).toISOString(),
}));

const signInAs = (role: 'customer' | 'manager') =>
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r'.repeat(20),
    expiresIn: 900,
    user: { id: 'c1', username: 'customer', role, branchId: null, name: '客户' },
  });

beforeEach(() => {
  resetTaroStub();
  fetchCustomerCard.mockReset().mockResolvedValue(CARD);
  fetchCustomerSlots.mockReset().mockResolvedValue(SLOTS);
  bookAppointment.mockReset();
});

it('H5 without a customer session asks for the SMS code first', async () => {
  signInAs('manager');
  const { container } = render(<CustomerCardPage />);
  await waitFor(() => expect(container.querySelector('#sms-login')).toBeTruthy());
  expect(fetchCustomerCard).not.toHaveBeenCalled();
});

it('a signed-in customer sees the manager, products and slots by day, and books one', async () => {
  signInAs('customer');
  const { container } = render(<CustomerCardPage />);
  expect(await screen.findByText('王经理')).toBeTruthy();
  expect(container.querySelector('#manager-phone')?.textContent).toContain('139****0001');
  expect(container.querySelectorAll('.product-item')).toHaveLength(BANK_PRODUCTS.length);
  expect(container.querySelector('#day-0')?.textContent).toBe('12月7日 周一');
  expect(container.querySelector('#slot-1')?.textContent).toBe('09:30');
  act(() => (container.querySelector('#day-1') as HTMLElement).click());
  expect(container.querySelector('#slot-0')?.textContent).toBe('10:00');

  bookAppointment.mockResolvedValue({
    id: 'a1',
    status: 'requested',
    slotStart: SLOTS[2]!.start,
    slotEnd: SLOTS[2]!.end,
    productId: 'sunshine_credit',
    note: '',
    version: 1,
    manager: { id: 'm1', name: '王经理' },
    customer: { contactName: '', phoneMasked: null },
    householdId: null,
    reminder: { subscribed: false, sentAt: null },
  });
  act(() => (container.querySelector('#slot-0') as HTMLElement).click());
  act(() => (container.querySelector('#book-submit') as HTMLElement).click());
  await waitFor(() => expect(container.querySelector('#book-success')).toBeTruthy());
  // H5 has no subscription messages: no reminder decision is sent.
  expect(bookAppointment).toHaveBeenCalledWith({ slotStart: SLOTS[2]!.start, productId: 'sunshine_credit', note: '' });
  expect(container.querySelector('#book-success')?.textContent).toContain('12月8日 周二 10:00');
});

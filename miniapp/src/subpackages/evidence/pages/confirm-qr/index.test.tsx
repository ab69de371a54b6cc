import { act, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Visit } from '@sunshine/shared';
import { resetTaroStub } from '../../../../../test/taroStub';
import { fetchVisit as fetchVisitService, requestVisitConfirmation as requestService } from '../../../../services/visitConfirmations';
import ConfirmQrPage from './index';
import { formatCountdown, secondsLeft } from './countdown';

jest.mock('../../../../services/visitConfirmations', () => ({ requestVisitConfirmation: jest.fn(), fetchVisit: jest.fn() }));
const requestConfirmation = jest.mocked(requestService);
const fetchVisit = jest.mocked(fetchVisitService);

const ticket = (expiresInMs: number) => ({
  code: 'Abcdefghijklmnop_-1234',
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  qrImage: 'data:image/png;base64,iVBORw0KGgo=',
  page: '/subpackages/evidence/pages/confirm/index?scene=Abcdefghijklmnop_-1234',
});
const visit = (confirmedAt: string | null) => ({ id: 'v1', confirmation: { confirmed: !!confirmedAt, confirmedAt } }) as unknown as Visit;

/** Let timers and the promises they start run. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  resetTaroStub();
  jest.useFakeTimers();
  requestConfirmation.mockReset();
  fetchVisit.mockReset();
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { visitId: 'v1' }, path: '' }, page: {} } as never);
});
afterEach(() => {
  jest.useRealTimers();
});

it('formats the countdown', () => {
  expect(formatCountdown(299)).toBe('4:59');
  expect(formatCountdown(0)).toBe('0:00');
  expect(secondsLeft(new Date(1000).toISOString(), 5000)).toBe(0);
});

it('shows the code and polls the visit until the customer confirmed', async () => {
  requestConfirmation.mockResolvedValue(ticket(5 * 60_000));
  fetchVisit.mockResolvedValueOnce(visit(null)).mockResolvedValue(visit('2026-12-02T01:31:00.000Z'));
  const { container } = render(<ConfirmQrPage />);
  await advance(0);
  expect(requestConfirmation).toHaveBeenCalledWith('v1');
  expect(container.querySelector('#confirm-qr-image')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
  expect(container.querySelector('#confirm-qr-countdown')?.textContent).toContain('5:00后失效');
  await advance(3000);
  expect(fetchVisit).toHaveBeenCalledTimes(1);
  expect(container.querySelector('#confirm-qr-done')).toBeNull();
  await advance(3000);
  expect(fetchVisit).toHaveBeenCalledTimes(2);
  expect(container.querySelector('#confirm-qr-done')).toBeTruthy();
  await advance(10_000);
  expect(fetchVisit).toHaveBeenCalledTimes(2); // polling stopped
});

it('offers a new code once this one expired', async () => {
  requestConfirmation.mockResolvedValueOnce(ticket(4000)).mockResolvedValueOnce(ticket(5 * 60_000));
  fetchVisit.mockResolvedValue(visit(null));
  const { container } = render(<ConfirmQrPage />);
  await advance(0); // the code arrives and the page starts its timer
  await advance(5000);
  expect(container.querySelector('#confirm-qr-expired')).toBeTruthy();
  await act(async () => {
    (container.querySelector('#confirm-qr-renew') as HTMLElement).click();
  });
  await advance(0);
  expect(requestConfirmation).toHaveBeenCalledTimes(2);
  expect(container.querySelector('#confirm-qr-showing')).toBeTruthy();
});

it('says so when the visit was already confirmed, and shows other errors with a retry', async () => {
  const { ApiError } = jest.requireActual<typeof import('../../../../services/request')>('../../../../services/request');
  requestConfirmation.mockRejectedValueOnce(new ApiError(409, 'visit_confirmation.already_confirmed', '该走访已由客户确认'));
  const first = render(<ConfirmQrPage />);
  await advance(0);
  expect(first.container.querySelector('#confirm-qr-done')).toBeTruthy();
  first.unmount();

  requestConfirmation.mockRejectedValueOnce(new ApiError(503, 'auth.wechat_unavailable', '微信服务暂不可用,请稍后重试'));
  const { container } = render(<ConfirmQrPage />);
  await advance(0);
  expect(container.querySelector('#confirm-qr-error')).toBeTruthy();
  expect(container.querySelector('#confirm-qr-retry')).toBeTruthy();
});

import { act, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../../../test/taroStub';
import { confirmVisit as confirmVisitService } from '../../../../services/visitConfirmations';
import ConfirmVisitPage from './index';
import { sceneFromParams } from './scene';

jest.mock('../../../../services/visitConfirmations', () => ({ confirmVisit: jest.fn() }));
const confirmVisit = jest.mocked(confirmVisitService);
const CODE = 'Abcdefghijklmnop_-1234';

function openWith(params: Record<string, string>) {
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params, path: '' }, page: {} } as never);
}

beforeEach(() => {
  resetTaroStub();
  confirmVisit.mockReset();
  process.env.TARO_ENV = 'weapp';
});
afterAll(() => {
  process.env.TARO_ENV = 'h5';
});

it('reads the code from the scanned scene, URL-encoded or not, and refuses anything else', () => {
  expect(sceneFromParams({ scene: encodeURIComponent(CODE) })).toBe(CODE);
  expect(sceneFromParams({ code: CODE })).toBe(CODE);
  expect(sceneFromParams({ scene: 'short' })).toBeNull();
  expect(sceneFromParams({ scene: '%E0%A4%A' })).toBeNull();
  expect(sceneFromParams({})).toBeNull();
});

it('confirms with wx.login’s code and thanks the customer', async () => {
  openWith({ scene: CODE });
  jest.mocked(Taro.login).mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' } as never);
  confirmVisit.mockResolvedValue({
    visitId: 'v1',
    confirmedAt: '2026-12-02T01:31:00.000Z',
    managerName: '王经理',
    visitedAt: '2026-12-02T01:30:00.000Z',
  });
  const { container } = render(<ConfirmVisitPage />);
  await act(async () => {
    (container.querySelector('#confirm-submit') as HTMLElement).click();
  });
  expect(confirmVisit).toHaveBeenCalledWith(CODE, 'wx-code-1');
  expect(await screen.findByText('感谢您的确认')).toBeTruthy();
  expect(container.querySelector('#confirm-done')?.textContent).toContain('已确认客户经理王经理于12月2日 09:30上门走访');
});

it('shows the server’s Chinese reason for an expired or used code', async () => {
  const { ApiError } = jest.requireActual<typeof import('../../../../services/request')>('../../../../services/request');
  openWith({ scene: CODE });
  jest.mocked(Taro.login).mockResolvedValue({ code: 'wx-code-2', errMsg: 'login:ok' } as never);
  confirmVisit.mockRejectedValue(new ApiError(410, 'visit_confirmation.expired', '二维码已过期,请客户经理重新生成'));
  const { container } = render(<ConfirmVisitPage />);
  await act(async () => {
    (container.querySelector('#confirm-submit') as HTMLElement).click();
  });
  expect(container.querySelector('#confirm-error')?.textContent).toBe('二维码已过期,请客户经理重新生成');
  expect(container.querySelector('#confirm-done')).toBeNull();
});

it('explains an invalid code, and that confirming needs WeChat', () => {
  openWith({});
  const invalid = render(<ConfirmVisitPage />);
  expect(invalid.container.querySelector('#confirm-invalid')).toBeTruthy();
  invalid.unmount();
  process.env.TARO_ENV = 'h5';
  openWith({ scene: CODE });
  const { container } = render(<ConfirmVisitPage />);
  expect(container.querySelector('#confirm-submit')).toBeNull();
  expect(container.querySelector('#confirm-wechat-only')).toBeTruthy();
});

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetTaroStub } from '../../../../../test/taroStub';
import { customerSmsLogin as loginService, requestSmsCode as sendService } from '../../../../services/customer';
import { ApiError } from '../../../../services/request';
import SmsLogin from './index';

jest.mock('../../../../services/customer', () => ({ requestSmsCode: jest.fn(), customerSmsLogin: jest.fn() }));
const requestSmsCode = jest.mocked(sendService);
const customerSmsLogin = jest.mocked(loginService);

const type = (container: HTMLElement, id: string, value: string) => {
  const input = container.querySelector(`#${id} input`) ?? container.querySelector(`#${id}`);
  fireEvent.input(input!, { target: { value } });
};

beforeEach(() => {
  resetTaroStub();
  requestSmsCode.mockReset();
  customerSmsLogin.mockReset();
});

it('checks the phone with the shared schema before sending anything', async () => {
  const { container } = render(<SmsLogin shareCode={'c'.repeat(43)} onSignedIn={jest.fn()} />);
  type(container, 'sms-phone', '12345');
  act(() => (container.querySelector('#sms-send') as HTMLElement).click());
  expect(await screen.findByText('请输入正确的11位手机号')).toBeTruthy();
  expect(requestSmsCode).not.toHaveBeenCalled();
});

it('sends the code, shows where it went, and signs in with it', async () => {
  requestSmsCode.mockResolvedValue({ sent: true, phoneMasked: '138****5678', resendAfterSec: 60, expiresInSec: 300 });
  customerSmsLogin.mockResolvedValue({} as never);
  const onSignedIn = jest.fn();
  const { container } = render(<SmsLogin shareCode={'c'.repeat(43)} onSignedIn={onSignedIn} />);
  type(container, 'sms-phone', '13812345678');
  act(() => (container.querySelector('#sms-send') as HTMLElement).click());
  expect(await screen.findByText('验证码已发送至 138****5678')).toBeTruthy();
  expect(requestSmsCode).toHaveBeenCalledWith('13812345678', 'c'.repeat(43));
  expect(container.querySelector('#sms-send')?.textContent).toContain('秒后重发');

  type(container, 'sms-code', '123456');
  act(() => (container.querySelector('#sms-submit') as HTMLElement).click());
  await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
  expect(customerSmsLogin).toHaveBeenCalledWith('13812345678', '123456', 'c'.repeat(43));
});

it('shows the BFF’s message for a wrong code', async () => {
  customerSmsLogin.mockRejectedValue(new ApiError(401, 'sms.code_invalid', '验证码错误', 'code'));
  const { container } = render(<SmsLogin shareCode={'c'.repeat(43)} onSignedIn={jest.fn()} />);
  type(container, 'sms-phone', '13812345678');
  type(container, 'sms-code', '000000');
  act(() => (container.querySelector('#sms-submit') as HTMLElement).click());
  await waitFor(() => expect(container.querySelector('#sms-error')).toBeTruthy());
  expect(container.querySelector('#sms-error')?.textContent).toBeTruthy();
});

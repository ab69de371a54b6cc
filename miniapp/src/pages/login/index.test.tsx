import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../test/taroStub';
import { getSession, saveTokenPair } from '../../stores/session';
import LoginPage from './index';

type Reply = { statusCode: number; data: unknown };
const requestMock = Taro.request as unknown as jest.Mock<Promise<Reply>, [{ url: string; data?: unknown }]>;
const loginMock = Taro.login as unknown as jest.Mock;

const user = { id: 'u1', username: 'm.01.01', role: 'manager', branchId: 'b01', name: '王经理' };
const tokens = { accessToken: 'a1', refreshToken: 'r1-xxxxxxxxxxxxxxxx', expiresIn: 900, user };

function typeInto(container: HTMLElement, id: string, value: string) {
  act(() => {
    fireEvent(container.querySelector(`#${id}`)!, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

const originalEnv = process.env.TARO_ENV;
beforeEach(() => resetTaroStub());
afterEach(() => {
  process.env.TARO_ENV = originalEnv;
});

describe('H5: password login', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('signs in and goes home', async () => {
    requestMock.mockResolvedValue({ statusCode: 200, data: tokens });
    const { container } = render(<LoginPage />);
    expect(container.querySelector('#password-login')).toBeTruthy();
    expect(loginMock).not.toHaveBeenCalled();

    typeInto(container, 'login-username', 'm.01.01');
    typeInto(container, 'login-password', 'Demo@2026');
    fireEvent.click(container.querySelector('#login-submit')!);

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(requestMock.mock.calls[0]![0]).toMatchObject({
      url: '/api/v1/auth/login',
      data: { username: 'm.01.01', password: 'Demo@2026' },
    });
    expect(getSession()?.user.name).toBe('王经理');
  });

  it('says 用户名或密码错误 on a wrong password', async () => {
    requestMock.mockResolvedValue({
      statusCode: 401,
      data: { error: { id: 'auth.invalid_credentials', message: 'invalid credentials' } },
    });
    const { container } = render(<LoginPage />);
    typeInto(container, 'login-username', 'm.01.01');
    typeInto(container, 'login-password', 'nope');
    fireEvent.click(container.querySelector('#login-submit')!);

    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });

  it('skips the form when a session is stored', () => {
    saveTokenPair(tokens as never);
    render(<LoginPage />);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });
});

describe('weapp: WeChat login', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    loginMock.mockResolvedValue({ code: 'sim-code-1', errMsg: 'login:ok' });
  });

  it('goes home at once for a bound WeChat user', async () => {
    requestMock.mockResolvedValue({ statusCode: 200, data: tokens });
    render(<LoginPage />);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(requestMock.mock.calls[0]![0]).toMatchObject({
      url: 'http://127.0.0.1:8080/api/v1/auth/wechat/login',
      data: { code: 'sim-code-1' },
    });
  });

  it('asks an unbound user to bind a bank account, then signs in', async () => {
    requestMock.mockImplementation(async (call) =>
      call.url.endsWith('/auth/wechat/login')
        ? { statusCode: 200, data: { bindRequired: true, bindToken: 'bind-token-xxxxxxxxxxxx' } }
        : { statusCode: 200, data: tokens },
    );
    const { container } = render(<LoginPage />);
    await screen.findByText('绑定行内账号');

    typeInto(container, 'login-username', 'm.01.01');
    typeInto(container, 'login-password', 'Demo@2026');
    fireEvent.click(container.querySelector('#login-submit')!);

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(requestMock.mock.calls[1]![0]).toMatchObject({
      url: 'http://127.0.0.1:8080/api/v1/auth/wechat/bind',
      data: { bindToken: 'bind-token-xxxxxxxxxxxx', username: 'm.01.01', password: 'Demo@2026' },
    });
  });

  it('shows why WeChat login failed and lets the user retry', async () => {
    requestMock.mockResolvedValueOnce({
      statusCode: 503,
      data: { error: { id: 'auth.wechat_unavailable', message: 'wechat down' } },
    });
    const { container } = render(<LoginPage />);
    expect(await screen.findByText('微信登录暂不可用,请稍后再试')).toBeTruthy();

    requestMock.mockResolvedValueOnce({ statusCode: 200, data: tokens });
    fireEvent.click(container.querySelector('#wechat-retry')!);
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(loginMock).toHaveBeenCalledTimes(2); // a fresh code for every attempt
  });

  it('does not call a refused WeChat code a wrong password', async () => {
    requestMock.mockResolvedValueOnce({
      statusCode: 401,
      data: { error: { id: 'auth.invalid_credentials', message: '微信登录失败,请重试' } },
    });
    render(<LoginPage />);
    expect(await screen.findByText('微信登录失败,请重试')).toBeTruthy();
    expect(screen.queryByText('用户名或密码错误')).toBeNull();
  });
});

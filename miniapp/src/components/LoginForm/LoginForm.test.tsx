import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { loginRequestSchema } from '@sunshine/shared';
import { resetTaroStub } from '../../../test/taroStub';
import { ApiError } from '../../services/request';
import LoginForm from './index';
import { fieldError, parseLoginInput } from './loginRules';

beforeEach(() => resetTaroStub());

/** Type into a Taro H5 input: its React wrapper listens for the web component's `input` event. */
function typeInto(container: HTMLElement, id: string, value: string) {
  const node = container.querySelector(`#${id}`);
  if (!node) throw new Error(`no #${id}`);
  act(() => {
    fireEvent(node, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

describe('login rules come from the shared schema', () => {
  const long = (n: number) => 'x'.repeat(n);

  it.each([
    ['username', '', '请输入用户名'],
    ['username', '   ', '请输入用户名'],
    ['username', long(65), '用户名过长'],
    ['password', '', '请输入密码'],
    ['password', long(129), '密码过长'],
    ['username', 'm.01.01', null],
    ['password', 'Demo@2026', null],
  ] as const)('%s = %j → %s', (field, value, expected) => {
    expect(fieldError(field, value)).toBe(expected);
    // Same verdict as the schema the BFF validates with.
    const server = loginRequestSchema.shape[field].safeParse(value);
    expect(server.success).toBe(expected === null);
  });

  it('trims the username but never the password', () => {
    expect(parseLoginInput({ username: '  m.01.01 ', password: ' Demo@2026 ' })).toEqual({
      ok: true,
      data: { username: 'm.01.01', password: ' Demo@2026 ' },
    });
  });

  it('reports every field at fault', () => {
    expect(parseLoginInput({})).toEqual({ ok: false, errors: { username: '请输入用户名', password: '请输入密码' } });
  });
});

describe('<LoginForm>', () => {
  it('shows the schema messages under empty fields and does not submit', async () => {
    const onSubmit = jest.fn(() => Promise.resolve());
    const { container } = render(<LoginForm submitText="登录" onSubmit={onSubmit} />);

    fireEvent.click(container.querySelector('#login-submit')!);

    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(await screen.findByText('请输入密码')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits the parsed input (username trimmed)', async () => {
    const onSubmit = jest.fn(() => Promise.resolve());
    const { container } = render(<LoginForm submitText="登录" onSubmit={onSubmit} />);

    typeInto(container, 'login-username', ' m.01.01 ');
    typeInto(container, 'login-password', 'Demo@2026');
    fireEvent.click(container.querySelector('#login-submit')!);

    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ username: 'm.01.01', password: 'Demo@2026' }));
    expect(container.querySelector('#login-error')).toBeNull();
  });

  it.each([
    [new ApiError(401, 'auth.invalid_credentials', 'invalid credentials'), '用户名或密码错误'],
    [new ApiError(423, 'auth.locked', 'locked'), '账号已锁定,请15分钟后再试'],
    [new ApiError(400, 'request.invalid', 'Invalid input', 'username'), '用户名:格式不正确'],
  ])('shows the server refusal %p as %s', async (error, text) => {
    const onSubmit = jest.fn(() => Promise.reject(error));
    const { container } = render(<LoginForm submitText="登录" onSubmit={onSubmit} />);

    typeInto(container, 'login-username', 'm.01.01');
    typeInto(container, 'login-password', 'wrong');
    fireEvent.click(container.querySelector('#login-submit')!);

    await waitFor(() => expect(container.querySelector('#login-error')?.textContent).toBe(text));
  });
});

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import { applicationBody } from '../../testFixtures';
import CreditApplicationPage, { levelFor } from './index';

type Call = { url: string; method?: string; data?: unknown };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;

function signIn(id: string, role: 'manager' | 'branch_president' | 'hq_credit') {
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id, username: id, role, branchId: '01', name: id },
  });
}

/** Type into a Taro H5 textarea: its React wrapper listens for the web component's `input` event. */
function typeInto(container: HTMLElement, id: string, value: string) {
  act(() => {
    fireEvent(container.querySelector(`#${id}`)!, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

beforeEach(() => {
  resetTaroStub();
  jest.restoreAllMocks();
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'a1' }, path: '' }, page: {} } as never);
});

describe('levelFor', () => {
  it.each([
    ['branch_president', 'pending_level1', 1],
    ['hq_credit', 'pending_level2', 2],
    ['hq_credit', 'pending_level1', null],
    ['branch_president', 'pending_level2', null],
    ['manager', 'pending_level1', null],
    ['branch_president', 'approved', null],
  ] as const)('%s on %s signs level %p', (role, status, level) => {
    expect(levelFor(role, applicationBody({ status }))).toBe(level);
  });
});

describe('<CreditApplicationPage>', () => {
  it('a branch president approves with a comment; the page shows the V7 sync state', async () => {
    signIn('bp1', 'branch_president');
    const approved = applicationBody({
      status: 'approved',
      approvals: [{ level: 1, decision: 'approve', userId: 'bp1', userName: '李行长', comment: '同意', at: '2026-12-02T03:00:00.000Z' }],
      decidedAt: '2026-12-02T03:00:00.000Z',
      sync: { state: 'pending', attempts: 0 },
    });
    requestMock.mockImplementation(async ({ url }) =>
      url.endsWith('/approve') ? { statusCode: 200, data: approved } : { statusCode: 200, data: applicationBody() },
    );
    const { container } = render(<CreditApplicationPage />);

    await screen.findByText('待支行行长审批');
    expect(container.querySelector('#credit-app-limit')?.textContent).toBe('90,000元');
    expect(container.querySelector('#credit-app-sync')).toBeNull();
    typeInto(container, 'credit-app-comment', '同意');
    fireEvent.click(container.querySelector('#credit-app-approve')!);

    await screen.findByText('已审批通过');
    expect(requestMock.mock.calls[1]![0]).toMatchObject({
      url: '/api/v1/credit/applications/a1/approve',
      method: 'POST',
      data: { comment: '同意' },
    });
    expect(container.querySelector('#credit-app-sync')?.textContent).toContain('待同步V7(已尝试0次)');
    expect(container.querySelector('#credit-app-trail')?.textContent).toContain('支行 · 李行长 · 同意');
    expect(container.querySelector('#credit-app-decide')).toBeNull();
  });

  it('shows the BFF’s refusal when the level was already decided', async () => {
    signIn('bp2', 'branch_president');
    requestMock.mockImplementation(async ({ url }) =>
      url.endsWith('/reject')
        ? { statusCode: 409, data: { error: { id: 'credit.already_decided', message: '该级审批已由他人完成,请刷新' } } }
        : { statusCode: 200, data: applicationBody() },
    );
    const { container } = render(<CreditApplicationPage />);
    await screen.findByText('待支行行长审批');
    typeInto(container, 'credit-app-comment', '资料不全');
    fireEvent.click(container.querySelector('#credit-app-reject')!);
    await waitFor(() => expect(container.querySelector('#credit-app-error')?.textContent).toBeTruthy());
  });

  it('offers no approval to the submitter or to someone not at the current level', async () => {
    signIn('m1', 'manager');
    requestMock.mockResolvedValue({ statusCode: 200, data: applicationBody() });
    const first = render(<CreditApplicationPage />);
    await screen.findByText('待支行行长审批');
    expect(first.container.querySelector('#credit-app-decide')).toBeNull();
    first.unmount();

    signIn('hq', 'hq_credit');
    const second = render(<CreditApplicationPage />);
    await screen.findByText('待支行行长审批');
    expect(second.container.querySelector('#credit-app-decide')).toBeNull();
  });
});

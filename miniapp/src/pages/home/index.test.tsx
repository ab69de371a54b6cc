import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ROLES, type Role } from '@sunshine/shared';
import { resetTaroStub } from '../../../test/taroStub';
import { fetchMe as fetchMeService, type Me } from '../../services/me';
import { logout as logoutService } from '../../services/auth';
import HomePage from './index';

jest.mock('../../services/me', () => ({ fetchMe: jest.fn() }));
jest.mock('../../services/auth', () => ({ logout: jest.fn(() => Promise.resolve()) }));
const fetchMe = jest.mocked(fetchMeService);
const logout = jest.mocked(logoutService);

const SCOPE: Record<Role, Me['scope']> = {
  admin: 'all',
  hq_credit: 'all',
  hq_marketing: 'all',
  branch_president: 'branch',
  manager: 'own',
  customer: 'own',
};

function meFor(role: Role): Me {
  const hq = SCOPE[role] === 'all';
  return {
    user: {
      id: 'u1',
      username: 'someone',
      role,
      branchId: hq ? null : 'b01',
      branchName: hq ? null : '黄桥支行',
      name: '测试用户',
    },
    scope: SCOPE[role],
    summary: {
      households: 1288,
      villages: 12,
      ...(SCOPE[role] !== 'own' ? { managers: 7 } : {}),
      ...(hq ? { branches: 20 } : {}),
    },
  };
}

const cases: Array<[Role, string, string[], string[]]> = [
  ['manager', '客户经理', ['我的客户'], ['走访记录', '预约']],
  ['branch_president', '支行行长', ['本支行客户'], ['待审批']],
  ['hq_credit', '总行授信审批', [], ['授信审批', '全行概览', '电子地图']],
  ['hq_marketing', '总行营销管理', [], ['全行概览', '电子地图']],
  ['admin', '管理员', [], ['全行概览', '电子地图', '授信审批']],
  ['customer', '客户', [], ['我的预约', '阳光信贷']],
];

beforeEach(() => {
  resetTaroStub();
  fetchMe.mockReset();
  logout.mockClear();
});

it('covers every role of the shared role list', () => {
  expect(cases.map(([r]) => r).sort()).toEqual([...ROLES].sort());
});

describe.each(cases)('home page for %s', (role, roleText, readyEntries, soonEntries) => {
  it(`shows the header, the scope's figures and the ${role} entries`, async () => {
    fetchMe.mockResolvedValue(meFor(role));
    const { container } = render(<HomePage />);

    await screen.findByText('测试用户');
    expect(container.querySelector('#home-role')?.textContent).toBe(roleText);
    expect(container.querySelector('#home-branch')?.textContent).toBe(
      SCOPE[role] === 'all' ? '泰兴农村商业银行总行' : '黄桥支行',
    );

    if (role === 'customer') {
      // A customer's home has no scope figures.
      expect(container.querySelector('#home-summary')).toBeNull();
    } else {
      // Figures: households and villages always; managers/branches only where the scope has them.
      expect(container.querySelector('#summary-households')?.textContent).toContain('1,288');
      expect(container.querySelector('#summary-villages')?.textContent).toContain('12');
      expect(!!container.querySelector('#summary-managers')).toBe(SCOPE[role] !== 'own');
      expect(!!container.querySelector('#summary-branches')).toBe(SCOPE[role] === 'all');
    }

    const entries = container.querySelector('#home-entries')!;
    for (const title of readyEntries) {
      const item = [...entries.querySelectorAll('.entry-list__item--ready')].find((n) => n.textContent?.includes(title));
      expect(item).toBeTruthy();
      expect(item!.textContent).not.toContain('即将上线');
    }
    for (const title of soonEntries) {
      const item = [...entries.querySelectorAll('.entry-list__item--soon')].find((n) => n.textContent?.includes(title));
      expect(item?.textContent).toContain('即将上线');
    }
    expect(entries.querySelectorAll('.entry-list__item').length).toBe(readyEntries.length + soonEntries.length);
  });
});

it('opens the household list from 我的客户', async () => {
  fetchMe.mockResolvedValue(meFor('manager'));
  const { container } = render(<HomePage />);
  await screen.findByText('测试用户');
  act(() => {
    (container.querySelector('#entry-households') as HTMLElement).click();
  });
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/households/pages/list/index' });
});

it('does not navigate for an entry that is not built yet', async () => {
  fetchMe.mockResolvedValue(meFor('manager'));
  const { container } = render(<HomePage />);
  await screen.findByText('测试用户');
  act(() => {
    (container.querySelector('#entry-visits') as HTMLElement).click();
  });
  expect(Taro.navigateTo).not.toHaveBeenCalled();
});

it('shows the error in Chinese with a retry when /me fails', async () => {
  const { ApiError } = jest.requireActual<typeof import('../../services/request')>('../../services/request');
  fetchMe.mockRejectedValueOnce(new ApiError(500, 'server.internal', 'boom'));
  const { container } = render(<HomePage />);
  await screen.findByText('服务暂时不可用,请稍后再试');
  expect(container.querySelector('#home-error')).toBeTruthy();
});

it('shows a customer their home from the session when /me refuses customers (403)', async () => {
  const { ApiError } = jest.requireActual<typeof import('../../services/request')>('../../services/request');
  const { saveTokenPair } = jest.requireActual<typeof import('../../stores/session')>('../../stores/session');
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'c1', username: 'c.001', role: 'customer', branchId: null, name: '李客户' },
  });
  fetchMe.mockRejectedValue(new ApiError(403, 'auth.forbidden', 'forbidden'));
  const { container } = render(<HomePage />);
  await screen.findByText('李客户');
  expect(container.querySelector('#home-role')?.textContent).toBe('客户');
  expect(container.querySelector('#home-error')).toBeNull();
  expect(container.querySelector('#entry-my-appointments')?.textContent).toBe('我的预约');
});

it('logs out and returns to the login page', async () => {
  fetchMe.mockResolvedValue(meFor('manager'));
  const { container } = render(<HomePage />);
  await screen.findByText('测试用户');
  await act(async () => {
    (container.querySelector('#logout') as HTMLElement).click();
  });
  await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' }));
  expect(logout).toHaveBeenCalledTimes(1);
});

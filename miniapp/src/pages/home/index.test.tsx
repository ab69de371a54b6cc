import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ROLES, type ManagerStats, type Role } from '@sunshine/shared';
import { resetTaroStub } from '../../../test/taroStub';
import { fetchMe as fetchMeService, type Me } from '../../services/me';
import { logout as logoutService } from '../../services/auth';
import { fetchMyStats as fetchMyStatsService } from '../../services/stats';
import HomePage from './index';

jest.mock('../../services/me', () => ({ fetchMe: jest.fn() }));
jest.mock('../../services/auth', () => ({ logout: jest.fn(() => Promise.resolve()) }));
jest.mock('../../services/stats', () => ({ fetchMyStats: jest.fn() }));
const fetchMe = jest.mocked(fetchMeService);
const logout = jest.mocked(logoutService);
const fetchMyStats = jest.mocked(fetchMyStatsService);

const STATS: ManagerStats = {
  visitsThisWeek: 12,
  visitsThisMonth: 1234,
  householdsFiled: 56,
  coverage: {
    villages: 3,
    visitedVillages: 2,
    ratio: 2 / 3,
    byVillage: [
      { code: '321283100001', name: '东风村', households: 120, visitedHouseholds: 37 },
      { code: '321283100002', name: '红星村', households: 80, visitedHouseholds: 1 },
      { code: '321283100003', name: '新联村', households: 40, visitedHouseholds: 0 },
    ],
  },
  asOf: '2026-12-02T02:00:00.000Z',
};

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
  ['manager', '客户经理', ['我的客户', '走访建档', '预约'], []],
  ['branch_president', '支行行长', ['本支行客户', '待审批', '本支行预约', '营销漏斗'], []],
  ['hq_credit', '总行授信审批', ['授信审批', '营销漏斗'], ['全行概览', '电子地图']],
  ['hq_marketing', '总行营销管理', ['营销漏斗'], ['全行概览', '电子地图']],
  ['admin', '管理员', ['授信审批', '营销漏斗'], ['全行概览', '电子地图']],
  ['customer', '客户', ['我的预约'], ['阳光信贷']],
];

beforeEach(() => {
  resetTaroStub();
  fetchMe.mockReset();
  fetchMyStats.mockReset();
  fetchMyStats.mockResolvedValue(STATS);
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
  fetchMe.mockResolvedValue(meFor('hq_marketing'));
  const { container } = render(<HomePage />);
  await screen.findByText('测试用户');
  act(() => {
    (container.querySelector('#entry-map') as HTMLElement).click();
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

describe('manager statistics on the home page', () => {
  it('shows this week’s and month’s visits, files and village coverage', async () => {
    fetchMe.mockResolvedValue(meFor('manager'));
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.querySelector('#home-stats')).toBeTruthy());
    expect(container.querySelector('#stats-week')?.textContent).toBe('12本周走访');
    expect(container.querySelector('#stats-month')?.textContent).toBe('1,234本月走访');
    expect(container.querySelector('#stats-filed')?.textContent).toBe('56建档户数');
    expect(container.querySelector('#stats-coverage')?.textContent).toContain('村覆盖 2/3(67%)');
    expect(container.querySelector('#stats-village-321283100001')?.textContent).toBe('东风村已走访 37/120 户');
    expect(container.querySelectorAll('.manager-stats__village')).toHaveLength(3);
  });

  it('still shows the home page when the figures fail to load', async () => {
    const { ApiError } = jest.requireActual<typeof import('../../services/request')>('../../services/request');
    fetchMe.mockResolvedValue(meFor('manager'));
    fetchMyStats.mockRejectedValue(new ApiError(500, 'server.internal', 'boom'));
    const { container } = render(<HomePage />);
    await screen.findByText('测试用户');
    await waitFor(() => expect(fetchMyStats).toHaveBeenCalled());
    expect(container.querySelector('#home-stats')).toBeNull();
    expect(container.querySelector('#home-error')).toBeNull();
    expect(container.querySelector('#home-entries')).toBeTruthy();
  });

  it.each(['branch_president', 'admin'] as const)('does not ask for manager figures as %s', async (role) => {
    fetchMe.mockResolvedValue(meFor(role));
    const { container } = render(<HomePage />);
    await screen.findByText('测试用户');
    expect(fetchMyStats).not.toHaveBeenCalled();
    expect(container.querySelector('#home-stats')).toBeNull();
  });
});

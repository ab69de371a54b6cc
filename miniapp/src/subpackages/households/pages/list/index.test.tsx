import { act, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { firePageEvent, resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import type { HouseholdSummary } from '../../../../services/households';
import { applyPage, hasMore, initialPager } from './householdPager';
import HouseholdListPage from './index';

type Call = { url: string };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;

function household(i: number): HouseholdSummary {
  return {
    id: `h${i}`,
    householdNo: `3212830010${String(i).padStart(4, '0')}`,
    headName: `张*${i}`,
    headPhone: `138****${String(5600 + i)}`,
    villageCode: '321283100001',
    villageName: '新街村',
    townName: '黄桥镇',
    memberCount: 3,
    managerId: 'm1',
    branchId: 'b1',
    lastVisitAt: null,
    nextFollowUp: null,
  };
}

/** A fake `/households` endpoint over `total` rows. */
function serve(total: number) {
  requestMock.mockImplementation(async ({ url }) => {
    const q = new URL(url, 'http://x').searchParams;
    const page = Number(q.get('page'));
    const size = Number(q.get('pageSize'));
    const rows = Array.from({ length: total }, (_, i) => household(i + 1)).slice((page - 1) * size, page * size);
    return { statusCode: 200, data: { data: rows, total } };
  });
}

beforeEach(() => {
  resetTaroStub();
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'u', username: 'm.01.01', role: 'manager', branchId: 'b1', name: '王经理' },
  });
});

describe('householdPager', () => {
  it('replaces on page 1 and appends later pages without duplicates', () => {
    const p1 = applyPage(initialPager, 1, { data: [household(1), household(2)], total: 3 });
    expect(hasMore(p1)).toBe(true);
    const p2 = applyPage(p1, 2, { data: [household(2), household(3)], total: 3 });
    expect(p2.items.map((h) => h.id)).toEqual(['h1', 'h2', 'h3']);
    expect(hasMore(p2)).toBe(false);
    expect(applyPage(p2, 1, { data: [household(9)], total: 1 }).items.map((h) => h.id)).toEqual(['h9']);
  });
});

describe('<HouseholdListPage>', () => {
  it('shows masked households as the BFF sends them, and loads the next page at the bottom', async () => {
    serve(25);
    const { container } = render(<HouseholdListPage />);

    await screen.findByText('张*1');
    expect(container.querySelector('#households-total')?.textContent).toContain('共 25 户');
    expect(container.querySelectorAll('.household-name')).toHaveLength(20);
    expect(container.querySelector('.household-phone')?.textContent).toBe('138****5601');
    expect(requestMock.mock.calls[0]![0].url).toBe('/api/v1/households?page=1&pageSize=20');

    await act(async () => firePageEvent('reachBottom'));
    await waitFor(() => expect(container.querySelectorAll('.household-name')).toHaveLength(25));
    expect(requestMock.mock.calls[1]![0].url).toBe('/api/v1/households?page=2&pageSize=20');
    expect(container.querySelector('#households-footer')?.textContent).toContain('已显示全部 25 户');

    // Nothing more to load: reaching the bottom again asks nothing.
    await act(async () => firePageEvent('reachBottom'));
    expect(requestMock).toHaveBeenCalledTimes(2);
  });

  it('pull-down refresh reloads page 1 and stops the native spinner', async () => {
    serve(3);
    const { container } = render(<HouseholdListPage />);
    await screen.findByText('张*1');
    serve(4);
    await act(async () => firePageEvent('pullDownRefresh'));
    await waitFor(() => expect(container.querySelectorAll('.household-name')).toHaveLength(4));
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('shows an empty state for a manager without households', async () => {
    serve(0);
    render(<HouseholdListPage />);
    expect(await screen.findByText('暂无客户')).toBeTruthy();
  });

  it('filters by tab (status) and offers portrait / visit / edit / new file', async () => {
    serve(3);
    const { container } = render(<HouseholdListPage />);
    await screen.findByText('张*1');

    act(() => {
      (container.querySelector('.households-tab--visited') as HTMLElement).click();
    });
    await waitFor(() => expect(requestMock.mock.calls.at(-1)![0].url).toBe('/api/v1/households?page=1&pageSize=20&status=visited'));
    act(() => {
      (container.querySelector('.households-tab--follow_up_due') as HTMLElement).click();
    });
    await waitFor(() => expect(requestMock.mock.calls.at(-1)![0].url).toContain('status=follow_up_due'));

    await screen.findByText('张*1');

    act(() => {
      (container.querySelector('.household-visit') as HTMLElement).click();
    });
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/capture/pages/visit/index?householdId=h1' });
    act(() => {
      (container.querySelector('.household-edit') as HTMLElement).click();
    });
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/capture/pages/household-form/index?id=h1' });
    act(() => {
      (container.querySelector('.household-portrait') as HTMLElement).click();
    });
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/portrait/pages/index/index?id=h1' });
    act(() => {
      (container.querySelector('#household-new') as HTMLElement).click();
    });
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/capture/pages/household-form/index' });
  });

  it('each row offers 授信测算, opening the credit evaluation for that household', async () => {
    serve(2);
    const { container } = render(<HouseholdListPage />);
    await screen.findByText('张*2');
    const buttons = container.querySelectorAll('.household-credit');
    expect(buttons).toHaveLength(2);
    expect(buttons[1]!.textContent).toBe('授信测算');
    act(() => {
      (buttons[1] as HTMLElement).click();
    });
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/credit/pages/evaluate/index?householdId=h2' });
  });

  it.each([
    ['branch_president', true],
    ['hq_marketing', false],
  ] as const)('a %s sees 授信测算: %s (as the BFF lets them run the model)', async (role, shown) => {
    saveTokenPair({
      accessToken: 'a',
      refreshToken: 'r-xxxxxxxxxxxxxxxx',
      expiresIn: 900,
      user: { id: 'u', username: 'x', role, branchId: role === 'branch_president' ? 'b1' : null, name: '某人' },
    });
    serve(1);
    const { container } = render(<HouseholdListPage />);
    await screen.findByText('张*1');
    expect(container.querySelectorAll('.household-credit')).toHaveLength(shown ? 1 : 0);
    expect(container.querySelectorAll('.household-edit')).toHaveLength(0);
  });

  it('shows a failure in Chinese', async () => {
    requestMock.mockResolvedValue({ statusCode: 500, data: { error: { id: 'server.internal', message: 'x' } } });
    render(<HouseholdListPage />);
    expect(await screen.findByText('服务暂时不可用,请稍后再试')).toBeTruthy();
  });
});

import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { HouseholdPortrait } from '@sunshine/shared';
import { householdPortraitSchema } from '@sunshine/shared';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import { barHeights, wan } from '../../portraitFormat';
import PortraitPage from './index';

type Call = { url: string; method?: string };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;

const figures = (deposit: number, mobile: boolean) => ({
  deposit: { demand: deposit / 2, time: deposit / 2, total: deposit, avg1y: deposit },
  loan: { count: 0, balance: 0, overdueAmount: 0, overdueDays: 0 },
  wealth: { balance: 0 },
  ebank: { ebank: mobile, mobile },
});

function portraitBody(over: Partial<HouseholdPortrait> = {}): HouseholdPortrait {
  // Parsed with the shared schema, so the fixture cannot drift from what the BFF sends.
  return householdPortraitSchema.parse({
    householdId: 'h1',
    householdNo: '32128310000100001',
    headName: '王**',
    businessDate: '2026-12-01',
    household: figures(75000, true),
    members: [
      { memberId: 'm1', relation: 'head', name: '王**', idNumber: '3212**********3115', figures: figures(70000, false) },
      { memberId: 'm2', relation: 'spouse', name: '李**', idNumber: '3212**********6244', figures: null },
    ],
    series: { dates: ['2026-11-30', '2026-12-01'], deposits: [100000, 75000], loans: [0, 20000], wealth: [0, 0] },
    tags: [
      {
        code: 'large_deposit_no_mobile',
        label: '大额存款未开通手机银行',
        severity: 'opportunity',
        product: 'mobile_banking',
        productLabel: '手机银行',
        reason: '存款7.00万元,尚未开通手机银行',
        memberId: 'm1',
      },
      {
        code: 'overdue_risk',
        label: '风险提示:贷款逾期',
        severity: 'risk',
        product: null,
        productLabel: null,
        reason: '贷款逾期',
        memberId: null,
      },
    ],
    rulesVersion: 'portrait-tags-v1',
    visits: [
      {
        id: 'v1',
        at: '2026-11-28T02:00:00.000Z',
        managerId: 'u1',
        outcome: 'interested',
        proofLevel: 'located',
        notes: '介绍手机银行',
        products: ['mobile_banking'],
        nextFollowUp: null,
      },
    ],
    visitsTotal: 1,
    creditStatus: { state: 'none', limit: null, signedLimit: null, usedAmount: null, updatedAt: null },
    ...over,
  });
}

beforeEach(() => {
  resetTaroStub();
  jest.restoreAllMocks();
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'h1' }, path: '' }, page: {} } as never);
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'u1', username: 'm.01.01', role: 'manager', branchId: '01', name: '张经理' },
  });
});

describe('<PortraitPage>', () => {
  it('shows summary cards, the chart, tags with products, members, credit status and visits', async () => {
    requestMock.mockResolvedValue({ statusCode: 200, data: portraitBody() });
    const { container } = render(<PortraitPage />);
    await screen.findByText('行内数据截至 2026-12-01(T+1)');
    expect(requestMock.mock.calls[0]![0].url).toBe('/api/v1/households/h1/portrait');
    expect(container.querySelector('#portrait-card-deposit')?.textContent).toContain('7.50万');
    expect(container.querySelector('#portrait-card-ebank')?.textContent).toContain('已开通');
    expect(container.querySelectorAll('#portrait-chart .balance-chart__day')).toHaveLength(2);
    const tag = container.querySelector('#portrait-tag-large_deposit_no_mobile')!;
    expect(tag.textContent).toContain('推荐:手机银行');
    expect(tag.textContent).toContain('王**:存款7.00万元,尚未开通手机银行');
    expect(container.querySelector('#portrait-tag-overdue_risk')?.textContent).not.toContain('推荐');
    expect(container.querySelector('#portrait-members')?.textContent).toContain('行内无记录');
    expect(container.querySelector('#portrait-credit')?.textContent).toContain('未授信');
    expect(container.querySelector('#portrait-visits')?.textContent).toContain('2026-11-28 · 有意向');
  });

  it('a manager opens the credit evaluation of the household from its credit status', async () => {
    requestMock.mockResolvedValue({ statusCode: 200, data: portraitBody() });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    const { container } = render(<PortraitPage />);
    await screen.findByText('授信测算');
    fireEvent.click(container.querySelector('#portrait-evaluate')!);
    expect(navigate).toHaveBeenCalledWith({ url: '/subpackages/credit/pages/evaluate/index?householdId=h1' });
  });

  it('head-office marketing sees the credit status without the evaluation button', async () => {
    saveTokenPair({
      accessToken: 'a',
      refreshToken: 'r-xxxxxxxxxxxxxxxx',
      expiresIn: 900,
      user: { id: 'u9', username: 'hq.marketing', role: 'hq_marketing', branchId: null, name: '营销' },
    });
    requestMock.mockResolvedValue({ statusCode: 200, data: portraitBody() });
    const { container } = render(<PortraitPage />);
    await screen.findByText('未授信');
    expect(container.querySelector('#portrait-evaluate')).toBeNull();
  });

  it('without ODS data it says so instead of drawing an empty chart', async () => {
    requestMock.mockResolvedValue({
      statusCode: 200,
      data: portraitBody({ businessDate: null, household: null, series: { dates: [], deposits: [], loans: [], wealth: [] }, tags: [] }),
    });
    const { container } = render(<PortraitPage />);
    await screen.findByText('暂无行内数据', { selector: '#portrait-asof' });
    expect(container.querySelector('#portrait-chart-empty')).not.toBeNull();
    expect(container.querySelector('#portrait-card-deposit')?.textContent).toContain('—');
  });

  it('shows the BFF’s message for a household out of scope', async () => {
    requestMock.mockResolvedValue({ statusCode: 404, data: { error: { id: 'resource.not_found', message: '未找到该户' } } });
    render(<PortraitPage />);
    await screen.findByText('加载失败');
  });
});

describe('chart helpers', () => {
  it('scales bars to the largest value drawn', () => {
    expect(barHeights({ deposits: [100000, 75000], loans: [0, 20000], wealth: [0, 0] })).toEqual({
      deposits: [100, 75],
      loans: [0, 20],
      wealth: [0, 0],
      max: 100000,
    });
    expect(barHeights({ deposits: [0], loans: [0], wealth: [0] }).deposits).toEqual([0]);
    expect(wan(123456)).toBe('12.35万');
  });
});

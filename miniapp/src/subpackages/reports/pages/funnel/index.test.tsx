import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Role } from '@sunshine/shared';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import { chinaToday, presetPeriod } from '../../funnelView';
import { figuresBody, funnelReportBody } from '../../testFixtures';
import FunnelReportPage from './index';

type Call = { url: string; header?: Record<string, string> };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;
const downloadFile = jest.fn<Promise<{ statusCode: number; tempFilePath: string }>, [Call]>();
const openDocument = jest.fn(() => Promise.resolve());
Object.assign(Taro, { downloadFile, openDocument });

function signIn(role: Role, branchId: string | null) {
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'u1', username: 'u', role, branchId, name: '测试用户' },
  });
}

const query = (url: string) => Object.fromEntries(new URL(url, 'http://h').searchParams);
const thisMonth = () => presetPeriod('this_month', chinaToday());

beforeEach(() => {
  resetTaroStub();
  downloadFile.mockReset();
  openDocument.mockClear();
  process.env.TARO_ENV = 'h5';
});

it('shows a branch president their branch: stages, money and the villages', async () => {
  signIn('branch_president', '01');
  const branch = funnelReportBody().byBranch[0]!.figures;
  requestMock.mockResolvedValue({
    statusCode: 200,
    data: funnelReportBody({
      scope: { level: 'branch', branchId: '01', branchName: '济川支行' },
      totals: branch,
      byBranch: funnelReportBody().byBranch.slice(0, 1),
      byVillage: funnelReportBody().byVillage.slice(0, 1),
      byManager: funnelReportBody().byManager.slice(0, 1),
    }),
  });
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('济川支行');
  expect(requestMock.mock.calls[0]![0].url.split('?')[0]).toBe('/api/v1/reports/funnel');
  expect(query(requestMock.mock.calls[0]![0].url)).toEqual(thisMonth());
  expect(container.querySelector('#funnel-stage-visited')?.textContent).toContain('3户');
  expect(container.querySelector('#funnel-stage-approved')?.textContent).toContain('1户');
  expect(container.querySelector('#funnel-amounts')?.textContent).toContain('审批额度 9.00万');
  // No branch list for a branch: villages first.
  expect(container.querySelector('#funnel-grouping-branch')).toBeNull();
  expect(container.querySelector('.funnel-row')?.textContent).toContain('黄桥镇 · 甲村');
  fireEvent.click(container.querySelector('#funnel-grouping-manager')!);
  await screen.findByText('王经理');
  expect(container.querySelector('#funnel-asof')?.textContent).toBe('数据截至 2026-12-03 10:30');
});

it('lets head office open a branch from the bank-wide list, and go back', async () => {
  signIn('hq_marketing', null);
  requestMock.mockResolvedValue({ statusCode: 200, data: funnelReportBody() });
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('延令支行');
  expect(container.querySelector('#funnel-scope')?.textContent).toBe('全行');
  requestMock.mockResolvedValue({
    statusCode: 200,
    data: funnelReportBody({
      scope: { level: 'branch', branchId: '02', branchName: '延令支行' },
      byBranch: [],
      byVillage: [],
      byManager: [],
    }),
  });
  fireEvent.click([...container.querySelectorAll('.funnel-row')].find((n) => n.textContent?.includes('延令支行'))!);
  await waitFor(() => expect(query(requestMock.mock.calls.at(-1)![0].url)).toEqual({ ...thisMonth(), branchId: '02' }));
  await screen.findByText('返回全行');
  expect(container.querySelector('#funnel-grouping-branch')).toBeNull();
  await screen.findByText('暂无数据');
  fireEvent.click(container.querySelector('#funnel-back')!);
  await waitFor(() => expect(query(requestMock.mock.calls.at(-1)![0].url)).toEqual(thisMonth()));
});

it('asks for the period of a preset', async () => {
  signIn('admin', null);
  requestMock.mockResolvedValue({ statusCode: 200, data: funnelReportBody({ totals: figuresBody() }) });
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('全行');
  fireEvent.click(container.querySelector('#funnel-preset-last_month')!);
  const lastMonth = presetPeriod('last_month', chinaToday());
  await waitFor(() => expect(query(requestMock.mock.calls.at(-1)![0].url)).toEqual(lastMonth));
  expect(container.querySelector('#funnel-from')?.textContent).toBe(lastMonth.from);
  expect(container.querySelector('#funnel-to')?.textContent).toBe(lastMonth.to);
});

it('exports the same query as an Excel file with the bearer token (H5: a download link)', async () => {
  signIn('hq_credit', null);
  requestMock.mockResolvedValue({ statusCode: 200, data: funnelReportBody() });
  downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:funnel' });
  const clicks: string[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(`${this.getAttribute('href')} ${this.download}`);
  });
  URL.revokeObjectURL = jest.fn();
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('导出 Excel');
  fireEvent.click(container.querySelector('#funnel-export')!);
  await waitFor(() => expect(clicks).toEqual(['blob:funnel 营销漏斗_全行_2026-12-01_2026-12-03.xlsx']));
  const call = downloadFile.mock.calls[0]![0];
  expect(call.url.split('?')[0]).toBe('/api/v1/reports/funnel.xlsx');
  expect(query(call.url)).toEqual(thisMonth());
  expect(call.header).toEqual({ Authorization: 'Bearer a' });
  click.mockRestore();
});

it('opens the workbook in WeChat’s document viewer on the phone', async () => {
  process.env.TARO_ENV = 'weapp';
  signIn('branch_president', '01');
  requestMock.mockResolvedValue({ statusCode: 200, data: funnelReportBody() });
  downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/funnel.xlsx' });
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('导出 Excel');
  fireEvent.click(container.querySelector('#funnel-export')!);
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith({ filePath: 'wxfile://tmp/funnel.xlsx', fileType: 'xlsx', showMenu: true }),
  );
  expect(downloadFile.mock.calls[0]![0].url.startsWith('http://127.0.0.1:8080/api/v1/reports/funnel.xlsx?')).toBe(true);
});

it('says why an export failed', async () => {
  signIn('branch_president', '01');
  requestMock.mockResolvedValue({ statusCode: 200, data: funnelReportBody() });
  downloadFile.mockResolvedValue({ statusCode: 503, tempFilePath: 'blob:error' });
  const { container } = render(<FunnelReportPage />);
  await screen.findByText('导出 Excel');
  fireEvent.click(container.querySelector('#funnel-export')!);
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '服务暂时不可用,请稍后再试', icon: 'none' }));
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { resetTaroStub } from '../../../../../test/taroStub';
import { saveTokenPair } from '../../../../stores/session';
import { applicationBody } from '../../testFixtures';
import CreditQueuePage, { queueTabs } from './index';

type Call = { url: string };
const requestMock = Taro.request as unknown as jest.Mock<Promise<{ statusCode: number; data: unknown }>, [Call]>;

beforeEach(() => {
  resetTaroStub();
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'bp1', username: 'bp.01', role: 'branch_president', branchId: '01', name: '李行长' },
  });
});

it('puts the approver’s own level first', () => {
  expect(queueTabs('branch_president')[0]).toEqual({ value: 'pending_level1', title: '待我审批' });
  expect(queueTabs('hq_credit')[0]).toEqual({ value: 'pending_level2', title: '待我审批' });
  expect(queueTabs('manager').map((t) => t.value)).toEqual(['approved', 'rejected', 'all']);
});

it('lists a branch president’s level-1 queue and opens an application', async () => {
  requestMock.mockResolvedValue({ statusCode: 200, data: { data: [applicationBody()], total: 1 } });
  const { container } = render(<CreditQueuePage />);
  await screen.findByText('张** · 户号 T00000001');
  expect(requestMock.mock.calls[0]![0].url).toBe('/api/v1/credit/applications?page=1&pageSize=50&status=pending_level1');
  expect(container.querySelector('#credit-queue-total')?.textContent).toBe('共 1 笔');
  fireEvent.click(container.querySelector('.credit-queue-item')!);
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/credit/pages/application/index?id=a1' }));
});

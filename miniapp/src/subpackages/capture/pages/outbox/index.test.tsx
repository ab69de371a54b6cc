// The page runs as the weapp build: outbox on WeChat's encrypted storage (faked).
process.env.TARO_ENV = 'weapp';

import { act, render, screen, waitFor } from '@testing-library/react';
import { resetTaroStub } from '../../../../../test/taroStub';
import { click, emptyOutbox, installWxFakes, requestMock, signInManager } from '../../test/wxFakes';

const OutboxPage = (require('./index') as typeof import('./index')).default;
const { outbox } = require('../../../../stores/outbox') as typeof import('../../../../stores/outbox');

beforeEach(async () => {
  resetTaroStub();
  installWxFakes();
  signInManager();
  await emptyOutbox();
});

it('lists what is queued with the reason a refused one was refused, sends on 立即同步, and never drops a refused one by itself', async () => {
  requestMock.mockRejectedValue(new Error('request:fail'));
  await act(async () => {
    await outbox.submit({
      clientId: '11111111-1111-4111-8111-111111111111',
      kind: 'visit',
      title: '走访 · 张*',
      householdId: 'a'.repeat(24),
      body: { outcome: 'interested' },
    });
  });
  requestMock.mockImplementation(async (c) =>
    c.method === 'PUT'
      ? {
          statusCode: 409,
          data: {
            error: { id: 'resource.conflict', message: '档案已被他人修改(当前版本 4),请刷新后再保存', field: 'version', currentVersion: 4 },
          },
        }
      : { statusCode: 201, data: { id: 'v1' } },
  );
  await act(async () => {
    await outbox.submit({
      clientId: '22222222-2222-4222-8222-222222222222',
      kind: 'household.update',
      title: '修改档案 · 新街村',
      householdId: 'b'.repeat(24),
      body: { version: 3 },
    });
  });

  const { container } = render(<OutboxPage />);
  // The submit above already sent the queued visit (queue order); the refused edit remains.
  await waitFor(() => expect(container.querySelector('#outbox-total')?.textContent).toContain('待同步 1 条'));
  expect(container.querySelector('#outbox-reason-0')?.textContent).toBe('他人已修改此档案:数据已被他人修改,请刷新后重试');
  expect(screen.getByText('被退回')).toBeTruthy();

  click(container, 'outbox-discard-0');
  await waitFor(() => expect(container.querySelector('#outbox-total')?.textContent).toContain('待同步 0 条'));
  expect(screen.getByText('全部已同步')).toBeTruthy();
});

it('立即同步 sends pending captures and reports it', async () => {
  requestMock.mockRejectedValue(new Error('request:fail'));
  await act(async () => {
    await outbox.submit({
      clientId: '33333333-3333-4333-8333-333333333333',
      kind: 'visit',
      title: '走访',
      householdId: 'a'.repeat(24),
      body: { outcome: 'interested' },
    });
  });
  const { container } = render(<OutboxPage />);
  await waitFor(() => expect(container.querySelector('#outbox-total')?.textContent).toContain('待同步 1 条'));
  requestMock.mockResolvedValue({ statusCode: 201, data: { id: 'v1' } });
  click(container, 'outbox-sync');
  await waitFor(() => expect(container.querySelector('#outbox-message')?.textContent).toBe('已同步 1 条'));
  expect(container.querySelector('#outbox-total')?.textContent).toContain('待同步 0 条');
});

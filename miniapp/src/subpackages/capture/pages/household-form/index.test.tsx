// The page runs as the weapp build: outbox on WeChat's encrypted storage (faked below).
process.env.TARO_ENV = 'weapp';

import { render, screen, waitFor } from '@testing-library/react';
import { resetTaroStub } from '../../../../../test/taroStub';
import {
  click,
  emptyOutbox,
  householdSummary,
  installWxFakes,
  requestMock,
  setParams,
  signInManager,
  typeInto,
  validId,
  VILLAGE,
  type Call,
  type WxFakes,
} from '../../test/wxFakes';

const HouseholdFormPage = (require('./index') as typeof import('./index')).default;

const ID = validId('32128319800704123');
const HID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
let wx: WxFakes;

function detail(version: number, address = '新街村3组') {
  return {
    ...householdSummary(HID),
    address,
    version,
    updatedAt: '2026-12-01T00:00:00.000Z',
    members: [
      {
        id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        relation: 'head',
        name: '张*',
        idNumber: '3212**********123X',
        phone: '138****5678',
        gender: 'male',
        birthDate: '1980-07-04',
        education: 'junior_high',
        maritalStatus: 'married',
        occupation: '种植户',
      },
    ],
  };
}

/** A fake BFF: the village list, POST /households and PUT answers the test programs. */
function serve(
  opts: {
    post?: (c: Call) => { statusCode: number; data: unknown };
    put?: (c: Call) => { statusCode: number; data: unknown };
    offline?: boolean;
  } = {},
) {
  requestMock.mockImplementation(async (c) => {
    if (opts.offline && c.method !== 'GET') throw new Error('request:fail');
    if (c.method === 'GET' && c.url.includes('/households?')) return { statusCode: 200, data: { data: [householdSummary(HID)], total: 1 } };
    if (c.method === 'GET' && c.url.endsWith(`/households/${HID}`)) return { statusCode: 200, data: detail(3, '他人改过的地址') };
    if (c.method === 'POST' && c.url.endsWith('/households')) return opts.post!(c);
    if (c.method === 'PUT') return opts.put!(c);
    return { statusCode: 404, data: { error: { id: 'resource.not_found', message: 'x' } } };
  });
}

async function fillValid(container: HTMLElement, idNumber = ID) {
  await waitFor(() => expect(container.querySelector(`#village-${VILLAGE}`)).toBeTruthy());
  click(container, `village-${VILLAGE}`);
  typeInto(container, 'household-address', '新街村3组12号');
  typeInto(container, 'member-0-name', '张三');
  typeInto(container, 'member-0-idNumber', idNumber);
  typeInto(container, 'member-0-phone', '13812345678');
  click(container, 'member-0-education-junior_high');
  click(container, 'member-0-maritalStatus-married');
  typeInto(container, 'finance-annualIncome', '86000');
  typeInto(container, 'finance-netIncome', '52000.5');
  typeInto(container, 'finance-annualSpending', '30000');
}

const posts = () => requestMock.mock.calls.filter(([c]) => c.method === 'POST' || c.method === 'PUT');

beforeEach(async () => {
  resetTaroStub();
  wx = installWxFakes();
  signInManager();
  setParams({});
  await emptyOutbox();
});

it('shows the shared schema’s messages in Chinese next to the fields, and sends nothing', async () => {
  serve();
  const { container } = render(<HouseholdFormPage />);
  await fillValid(container, ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1'));
  typeInto(container, 'finance-annualIncome', '');
  typeInto(container, 'member-0-phone', '1234');
  click(container, 'form-submit');

  await waitFor(() => expect(container.querySelector('#err-members-0-idNumber')?.textContent).toBe('身份证号校验位错误'));
  expect(container.querySelector('#err-members-0-phone')?.textContent).toBe('请输入11位手机号');
  expect(container.querySelector('#err-finance-annualIncome')?.textContent).toBe('请输入金额');
  expect(container.querySelector('#err-address')).toBeNull();
  expect(posts()).toHaveLength(0);

  typeInto(container, 'member-0-idNumber', '321283198002301234');
  click(container, 'form-submit');
  await waitFor(() => expect(container.querySelector('#err-members-0-idNumber')?.textContent).toBe('身份证号中的出生日期无效'));
});

it('files a valid household once with a client UUID, even on a double tap', async () => {
  serve({
    post: (c) => ({
      statusCode: 201,
      data: {
        ...detail(1),
        id: 'cccccccccccccccccccccccc',
        householdNo: '3212831000019001',
        clientId: (c.data as { clientId: string }).clientId,
      },
    }),
  });
  const { container } = render(<HouseholdFormPage />);
  await fillValid(container);
  click(container, 'form-submit');
  click(container, 'form-submit');

  expect(await screen.findByText('建档成功')).toBeTruthy();
  expect(container.querySelector('#form-done-no')?.textContent).toContain('3212831000019001');
  expect(posts()).toHaveLength(1);
  const body = posts()[0]![0].data as Record<string, unknown>;
  expect(body.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(body).toMatchObject({
    villageCode: VILLAGE,
    address: '新街村3组12号',
    members: [{ relation: 'head', name: '张三', idNumber: ID, phone: '13812345678', education: 'junior_high', maritalStatus: 'married' }],
    finance: { annualIncome: 86000, netIncome: 52000.5, annualSpending: 30000 },
  });
  // Sent and accepted: nothing left queued.
  expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]);
});

it('offline: keeps the file in encrypted storage, says so, and sends it when the network returns', async () => {
  serve({ offline: true });
  const { container } = render(<HouseholdFormPage />);
  await fillValid(container);
  click(container, 'form-submit');
  expect(await screen.findByText('网络不可用,档案已加密保存在本机,联网后自动同步')).toBeTruthy();

  const stored = wx.storage.get('sunshine.outbox.v1')!;
  expect(stored.encrypt).toBe(true);
  expect(JSON.parse(String(stored.data))).toHaveLength(1);
  await waitFor(() => expect(container.querySelector('#outbox-count')?.textContent).toContain('待同步 1 条'));

  serve({ post: () => ({ statusCode: 201, data: { ...detail(1), householdNo: 'x' } }) });
  for (const l of wx.networkListeners) l({ isConnected: true });
  await waitFor(() => expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]));
  expect(posts().filter(([c]) => c.method === 'POST')).toHaveLength(2); // the failed try and the resend
  const ids = posts().map(([c]) => (c.data as { clientId: string }).clientId);
  expect(new Set(ids).size).toBe(1);
});

it('editing: masked personal fields must be re-entered; a 409 shows 他人已修改 and keeps the draft', async () => {
  setParams({ id: HID });
  requestMock.mockImplementation(async (c) => {
    if (c.method === 'GET' && c.url.includes('/households?')) return { statusCode: 200, data: { data: [householdSummary(HID)], total: 1 } };
    if (c.method === 'GET') return { statusCode: 200, data: detail(2) };
    return {
      statusCode: 409,
      data: {
        error: { id: 'resource.conflict', message: '档案已被他人修改(当前版本 3),请刷新后再保存', field: 'version', currentVersion: 3 },
      },
    };
  });
  const { container } = render(<HouseholdFormPage />);
  await waitFor(() => expect(container.querySelector('#form-submit')?.textContent).toContain('保存修改'));
  click(container, 'form-submit');
  await waitFor(() =>
    expect(container.querySelector('#err-members-0-idNumber')?.textContent).toBe('请重新录入完整身份证号(原 3212**********123X)'),
  );
  expect(container.querySelector('#err-members-0-name')?.textContent).toBe('请重新录入姓名(原 张*)');
  expect(container.querySelector('#err-members-0-phone')?.textContent).toBe('请重新录入手机号(原 138****5678)');
  expect(posts()).toHaveLength(0);

  typeInto(container, 'member-0-name', '张三');
  typeInto(container, 'member-0-idNumber', ID);
  typeInto(container, 'member-0-phone', '13812345678');
  typeInto(container, 'household-address', '我的新地址');
  typeInto(container, 'finance-annualIncome', '1');
  typeInto(container, 'finance-netIncome', '1');
  typeInto(container, 'finance-annualSpending', '1');
  requestMock.mockImplementation(async (c) => {
    if (c.method === 'GET') return { statusCode: 200, data: detail(3, '他人改过的地址') };
    return {
      statusCode: 409,
      data: {
        error: { id: 'resource.conflict', message: '档案已被他人修改(当前版本 3),请刷新后再保存', field: 'version', currentVersion: 3 },
      },
    };
  });
  click(container, 'form-submit');

  await waitFor(() => expect(container.querySelector('#conflict-notice')?.textContent).toContain('他人已修改此档案(当前版本 3)'));
  const put = posts().find(([c]) => c.method === 'PUT')![0];
  expect((put.data as { version: number }).version).toBe(2);
  // The draft is still on the page.
  expect(
    (container.querySelector('#household-address input') as HTMLInputElement | null)?.value ??
      container.querySelector('#household-address')?.getAttribute('value'),
  ).toBe('我的新地址');
  click(container, 'conflict-compare');
  expect(container.querySelector('#conflict-diff')?.textContent).toContain('地址:他人保存为「他人改过的地址」');
  // Kept in the outbox as refused (with the reason), never retried on its own.
  const entries = JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data)) as Array<{ state: string; lastError: { status: number } }>;
  expect(entries).toMatchObject([{ state: 'failed', lastError: { status: 409 } }]);

  // Keep mine: the next save is based on version 3, on purpose.
  requestMock.mockImplementation(async (c) => ({
    statusCode: 200,
    data: c.method === 'PUT' ? { ...detail(4), address: '我的新地址' } : detail(3),
  }));
  click(container, 'conflict-keep');
  click(container, 'form-submit');
  expect(await screen.findByText('档案已保存')).toBeTruthy();
  const last = posts()
    .filter(([c]) => c.method === 'PUT')
    .at(-1)![0];
  expect((last.data as { version: number; address: string }).version).toBe(3);
  expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]);
});

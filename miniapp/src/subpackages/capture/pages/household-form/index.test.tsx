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
    finance: {
      annualIncome: 120000,
      netIncome: 86000.5,
      perCapitaIncome: 86000.5,
      annualSpending: 40000,
      mainBusiness: '水稻种植',
      incomeSource: '种植',
      businessScale: '50亩',
      workingCapital: 20000,
    },
    assets: {
      houses: [{ kind: 'flat', structure: '框架', rooms: 3, estate: '城中花园', area: 96, appraisedValue: 500000 }],
      vehicles: [{ kind: '小轿车', count: 1, value: 80000 }],
      machinery: [],
      livestock: [],
      landArea: 50,
      depositsElsewhere: 10000,
      otherAssets: 0,
      totalAssets: 590000,
      totalDebt: 30000,
      netAssets: 560000,
    },
    debts: [{ lender: '邮储银行', kind: 'bank_loan', balance: 30000 }],
    softInfo: { flags: ['good_neighbour'], notes: '村委推荐' },
  };
}

/** What an input shows (Taro's H5 input keeps it on the inner <input> or as an attribute). */
function valueOf(container: HTMLElement, id: string): string | null | undefined {
  return (
    (container.querySelector(`#${id} input`) as HTMLInputElement | null)?.value ?? container.querySelector(`#${id}`)?.getAttribute('value')
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

const conflict409 = {
  statusCode: 409,
  data: { error: { id: 'resource.conflict', message: '档案已被他人修改(当前版本 3),请刷新后再保存', field: 'version', currentVersion: 3 } },
};

it('editing loads the whole file; untouched masked values go back as shown, with the version and the edit’s client id', async () => {
  setParams({ id: HID });
  serve({ put: (c) => ({ statusCode: 200, data: { ...detail(3), address: (c.data as { address: string }).address } }) });
  const { container } = render(<HouseholdFormPage />);
  await waitFor(() => expect(container.querySelector('#form-submit')?.textContent).toContain('保存修改'));
  // The whole file is on the form, personal fields masked.
  expect(valueOf(container, 'finance-annualIncome')).toBe('120000');
  expect(valueOf(container, 'finance-mainBusiness')).toBe('水稻种植');
  expect(valueOf(container, 'house-0-estate')).toBe('城中花园');
  expect(valueOf(container, 'member-0-name')).toBe('张*');
  expect(valueOf(container, 'member-0-idNumber')).toBe('3212**********123X');
  expect(valueOf(container, 'member-0-phone')).toBe('138****5678');
  expect(container.querySelector('#form-masked-hint')?.textContent).toContain('不修改即保留原值');

  typeInto(container, 'finance-annualIncome', '130000');
  click(container, 'form-submit');
  expect(await screen.findByText('档案已保存')).toBeTruthy();

  const puts = posts().filter(([c]) => c.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(puts[0]![0].url).toContain(`/api/v1/households/${HID}`);
  const body = puts[0]![0].data as Record<string, any>;
  expect(body.clientId).toMatch(UUID);
  expect(body).toMatchObject({
    version: 3,
    address: '他人改过的地址',
    members: [{ id: 'bbbbbbbbbbbbbbbbbbbbbbbb', name: '张*', idNumber: '3212**********123X', phone: '138****5678' }],
    finance: { annualIncome: 130000, netIncome: 86000.5, mainBusiness: '水稻种植', workingCapital: 20000 },
    assets: { houses: [{ kind: 'flat', estate: '城中花园', area: 96, appraisedValue: 500000 }], landArea: 50, depositsElsewhere: 10000 },
    debts: [{ lender: '邮储银行', kind: 'bank_loan', balance: 30000 }],
    softInfo: { flags: ['good_neighbour'], notes: '村委推荐' },
  });
  // Sent and accepted: the queued copy carried the same client id and is gone.
  expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]);
});

it('a masked field is one unit: the first deletion empties it, a full value replaces it, a bad one is refused in Chinese', async () => {
  setParams({ id: HID });
  serve({ put: () => ({ statusCode: 200, data: detail(4) }) });
  const { container } = render(<HouseholdFormPage />);
  await waitFor(() => expect(valueOf(container, 'member-0-idNumber')).toBe('3212**********123X'));
  typeInto(container, 'member-0-idNumber', '3212**********123'); // one backspace
  expect(valueOf(container, 'member-0-idNumber')).toBe('');
  typeInto(container, 'member-0-idNumber', '321283198007041');
  typeInto(container, 'member-0-phone', '138****567');
  expect(valueOf(container, 'member-0-phone')).toBe('');
  click(container, 'form-submit');
  await waitFor(() => expect(container.querySelector('#err-members-0-idNumber')?.textContent).toBe('身份证号应为18位'));
  expect(posts()).toHaveLength(0);

  typeInto(container, 'member-0-idNumber', ID);
  typeInto(container, 'member-0-phone', '13900001111');
  click(container, 'form-submit');
  expect(await screen.findByText('档案已保存')).toBeTruthy();
  const body = posts().find(([c]) => c.method === 'PUT')![0].data as Record<string, any>;
  expect(body.members[0]).toMatchObject({ name: '张*', idNumber: ID, phone: '13900001111' });
});

it('a 409 shows 他人已修改 in Chinese and keeps the draft; 载入最新 loads the latest version, and the next save is based on it', async () => {
  setParams({ id: HID });
  let gets = 0;
  requestMock.mockImplementation(async (c) => {
    if (c.method === 'GET' && c.url.includes('/households?')) return { statusCode: 200, data: { data: [householdSummary(HID)], total: 1 } };
    if (c.method === 'GET') return { statusCode: 200, data: gets++ === 0 ? detail(2) : detail(3, '他人改过的地址') };
    return conflict409;
  });
  const { container } = render(<HouseholdFormPage />);
  await waitFor(() => expect(valueOf(container, 'household-address')).toBe('新街村3组'));
  typeInto(container, 'household-address', '我的新地址');
  click(container, 'form-submit');

  await waitFor(() => expect(container.querySelector('#conflict-notice')?.textContent).toContain('他人已修改此档案(当前版本 3)'));
  expect(container.querySelector('#conflict-notice')?.textContent).toContain('您的修改尚未保存,仍保留在本页');
  expect(valueOf(container, 'household-address')).toBe('我的新地址');
  click(container, 'conflict-compare');
  expect(container.querySelector('#conflict-diff')?.textContent).toContain('地址:他人保存为「他人改过的地址」');
  const first = posts().find(([c]) => c.method === 'PUT')![0].data as { version: number; clientId: string };
  expect(first.version).toBe(2);
  // Kept in the outbox as refused (with the reason), never retried on its own.
  const entries = JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data)) as Array<{ state: string; lastError: { status: number } }>;
  expect(entries).toMatchObject([{ state: 'failed', lastError: { status: 409 } }]);

  click(container, 'conflict-reload');
  await waitFor(() => expect(valueOf(container, 'household-address')).toBe('他人改过的地址'));
  expect(container.querySelector('#conflict-notice')).toBeNull();

  requestMock.mockImplementation(async (c) => ({ statusCode: 200, data: c.method === 'PUT' ? detail(4, '他人改过的地址') : detail(3) }));
  click(container, 'form-submit');
  expect(await screen.findByText('档案已保存')).toBeTruthy();
  const last = posts()
    .filter(([c]) => c.method === 'PUT')
    .at(-1)![0].data as { version: number; clientId: string; address: string };
  expect(last).toMatchObject({ version: 3, address: '他人改过的地址' });
  // A new edit, not a replay of the refused one.
  expect(last.clientId).toMatch(UUID);
  expect(last.clientId).not.toBe(first.clientId);
});

it('after a 409, 保留我的修改 saves the draft on top of the latest version, on purpose', async () => {
  setParams({ id: HID });
  requestMock.mockImplementation(async (c) => {
    if (c.method === 'GET' && c.url.includes('/households?')) return { statusCode: 200, data: { data: [householdSummary(HID)], total: 1 } };
    if (c.method === 'GET') return { statusCode: 200, data: detail(2) };
    return conflict409;
  });
  const { container } = render(<HouseholdFormPage />);
  await waitFor(() => expect(valueOf(container, 'household-address')).toBe('新街村3组'));
  typeInto(container, 'household-address', '我的新地址');
  click(container, 'form-submit');
  await waitFor(() => expect(container.querySelector('#conflict-notice')).toBeTruthy());

  requestMock.mockImplementation(async (c) => ({
    statusCode: 200,
    data: c.method === 'PUT' ? { ...detail(4), address: '我的新地址' } : detail(3),
  }));
  click(container, 'conflict-keep');
  click(container, 'form-submit');
  expect(await screen.findByText('档案已保存')).toBeTruthy();
  const last = posts()
    .filter(([c]) => c.method === 'PUT')
    .at(-1)![0].data as { version: number; address: string };
  expect(last).toMatchObject({ version: 3, address: '我的新地址' });
  expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]);
});

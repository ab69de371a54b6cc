// The page runs as the weapp build: GCJ-02 from WeChat, outbox on WeChat's encrypted storage.
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
  type WxFakes,
} from '../../test/wxFakes';

const VisitPage = (require('./index') as typeof import('./index')).default;

const HID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
let wx: WxFakes;

function serveHousehold() {
  requestMock.mockImplementation(async (c) => {
    if (c.method === 'GET')
      return { statusCode: 200, data: { ...householdSummary(HID), address: '3组', members: [], version: 1, updatedAt: '' } };
    const body = c.data as Record<string, unknown>;
    return { statusCode: 201, data: { id: 'v1', ...body } };
  });
}

beforeEach(async () => {
  resetTaroStub();
  wx = installWxFakes();
  signInManager();
  setParams({ householdId: HID });
  await emptyOutbox();
});

it('locates in GCJ-02, takes photos with the camera only, uploads them first, then records the visit with their ids', async () => {
  serveHousehold();
  wx.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }, { tempFilePath: 'wxfile://tmp/b.jpg' }] });
  let n = 0;
  wx.uploadFile.mockImplementation(async (o: { formData: Record<string, string> }) => ({
    statusCode: 201,
    data: JSON.stringify({
      id: `${String(++n).repeat(24)}`,
      householdId: HID,
      sha256: 'x',
      size: 1,
      contentType: 'image/jpeg',
      takenAt: o.formData.takenAt,
      url: 'u',
      urlExpiresAt: 'e',
    }),
  }));

  const { container } = render(<VisitPage />);
  await waitFor(() => expect(container.querySelector('#visit-location')?.textContent).toContain('精度 12 米'));
  expect(wx.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02', isHighAccuracy: true }));

  click(container, 'photo-take');
  await waitFor(() => expect(container.querySelectorAll('.photo-capture__item')).toHaveLength(2));
  expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ sourceType: ['camera'], mediaType: ['image'] }));

  click(container, 'visit-outcome-follow_up');
  click(container, 'visit-product-hui_e_dai');
  click(container, 'visit-product-sunshine_credit');
  typeInto(container, 'visit-credit-amount', '50000');
  click(container, 'visit-followup-7');
  typeInto(container, 'visit-notes', '想扩大养殖');
  click(container, 'visit-submit');

  expect(await screen.findByText('走访已登记')).toBeTruthy();
  expect(wx.uploadFile).toHaveBeenCalledTimes(2);
  const [first] = wx.uploadFile.mock.calls[0] as [
    { url: string; name: string; filePath: string; formData: Record<string, string>; header: Record<string, string> },
  ];
  expect(first.url).toBe('http://127.0.0.1:8080/api/v1/photos');
  expect(first.name).toBe('file');
  expect(first.header.Authorization).toBe('Bearer a');
  expect(first.formData.householdId).toBe(HID);
  expect(first.formData.clientId).toMatch(/^[0-9a-f-]{36}$/);
  // Kept in the user data folder until uploaded, not the temp file that dies with the app.
  expect(first.filePath).toMatch(/^wxfile:\/\/usr\/outbox-/);

  const post = requestMock.mock.calls.find(([c]) => c.method === 'POST')![0];
  expect(post.url).toBe('http://127.0.0.1:8080/api/v1/visits');
  expect(post.data).toMatchObject({
    householdId: HID,
    location: { lat: 32.2453, lng: 120.0512, accuracy: 12 },
    outcome: 'follow_up',
    products: ['sunshine_credit', 'hui_e_dai'],
    creditNeed: { amount: 50000, purpose: '' },
    notes: '想扩大养殖',
    photoIds: ['1'.repeat(24), '2'.repeat(24)],
  });
  expect((post.data as { nextFollowUp: string }).nextFollowUp).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it('asks for the outcome before sending anything', async () => {
  serveHousehold();
  const { container } = render(<VisitPage />);
  await waitFor(() => expect(container.querySelector('#visit-location')?.textContent).toContain('精度'));
  click(container, 'visit-submit');
  await waitFor(() => expect(container.querySelector('#err-outcome')?.textContent).toBe('请选择走访结果'));
  expect(requestMock.mock.calls.filter(([c]) => c.method === 'POST')).toHaveLength(0);
});

it('a failed photo upload (network) keeps the visit queued with its photos; the resend reuses each photo’s client id', async () => {
  serveHousehold();
  wx.chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg' }] });
  wx.uploadFile.mockRejectedValue({ errMsg: 'uploadFile:fail' });
  const { container } = render(<VisitPage />);
  await waitFor(() => expect(container.querySelector('#visit-location')?.textContent).toContain('精度'));
  click(container, 'photo-take');
  await waitFor(() => expect(container.querySelectorAll('.photo-capture__item')).toHaveLength(1));
  click(container, 'visit-outcome-interested');
  click(container, 'visit-submit');
  expect(await screen.findByText('网络不可用,走访已加密保存在本机,联网后自动同步')).toBeTruthy();
  expect(requestMock.mock.calls.filter(([c]) => c.method === 'POST')).toHaveLength(0);

  wx.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: 'f'.repeat(24) }) });
  for (const l of wx.networkListeners) l({ isConnected: true });
  await waitFor(() => expect(requestMock.mock.calls.filter(([c]) => c.method === 'POST')).toHaveLength(1));
  const ids = wx.uploadFile.mock.calls.map(([o]) => (o as { formData: { clientId: string } }).formData.clientId);
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);
  await waitFor(() => expect(JSON.parse(String(wx.storage.get('sunshine.outbox.v1')!.data))).toEqual([]));
});

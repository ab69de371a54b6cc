import { act, fireEvent } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { idCheckChar } from '@sunshine/shared';
import { saveTokenPair } from '../../../stores/session';

/**
 * What the capture page tests share: the weapp APIs the Taro stub lacks (encrypted async
 * storage, location, camera, upload, network events), a signed-in manager, and typing/tapping
 * as Taro's H5 components receive them.
 */
export type Reply = { statusCode: number; data: unknown };
export type Call = { url: string; method?: string; data?: unknown; header: Record<string, string> };

export const requestMock = Taro.request as unknown as jest.Mock<Promise<Reply>, [Call]>;

export interface WxFakes {
  storage: Map<string, { data: unknown; encrypt: boolean }>;
  networkListeners: Array<(r: { isConnected: boolean }) => void>;
  uploadFile: jest.Mock;
  chooseMedia: jest.Mock;
  getLocation: jest.Mock;
}

// Module-wide: the outbox registers its network listener once per app (module) lifetime.
const networkListeners: WxFakes['networkListeners'] = [];

export function installWxFakes(): WxFakes {
  const storage = new Map<string, { data: unknown; encrypt: boolean }>();
  const t = Taro as unknown as Record<string, unknown>;
  t.setStorage = jest.fn(
    async (o: { key: string; data: unknown; encrypt?: boolean }) => void storage.set(o.key, { data: o.data, encrypt: !!o.encrypt }),
  );
  t.getStorage = jest.fn(async (o: { key: string; encrypt?: boolean }) => {
    const item = storage.get(o.key);
    if (!item || item.encrypt !== !!o.encrypt) throw new Error('getStorage:fail data not found');
    return { data: item.data };
  });
  t.removeStorage = jest.fn(async (o: { key: string }) => void storage.delete(o.key));
  t.onNetworkStatusChange = jest.fn((cb: (r: { isConnected: boolean }) => void) => void networkListeners.push(cb));
  t.onAppShow = jest.fn();
  const uploadFile = jest.fn();
  const chooseMedia = jest.fn();
  const getLocation = jest.fn(async () => ({ latitude: 32.2453, longitude: 120.0512, accuracy: 12 }));
  Object.assign(t, { uploadFile, chooseMedia, getLocation });
  t.env = { USER_DATA_PATH: 'wxfile://usr' };
  t.getFileSystemManager = () => ({
    saveFile: (o: { tempFilePath: string; filePath: string; success(r: { savedFilePath: string }): void }) =>
      o.success({ savedFilePath: o.filePath }),
    unlink: (o: { complete(): void }) => o.complete(),
  });
  return { storage, networkListeners, uploadFile, chooseMedia, getLocation };
}

export function signInManager(): void {
  saveTokenPair({
    accessToken: 'a',
    refreshToken: 'r-xxxxxxxxxxxxxxxx',
    expiresIn: 900,
    user: { id: 'u1', username: 'm.01.01', role: 'manager', branchId: 'b01', name: '王经理' },
  });
}

export function setParams(params: Record<string, string>): void {
  (Taro as unknown as { getCurrentInstance: () => unknown }).getCurrentInstance = () => ({ router: { params, path: '' }, page: {} });
}

export function typeInto(container: HTMLElement, id: string, value: string): void {
  const node = container.querySelector(`#${id}`);
  if (!node) throw new Error(`no #${id}`);
  act(() => {
    fireEvent(node, new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
}

export function click(container: HTMLElement, id: string): void {
  const node = container.querySelector(`#${id}`);
  if (!node) throw new Error(`no #${id}`);
  act(() => {
    fireEvent.click(node);
  });
}

export const validId = (first17: string) => first17 + idCheckChar(first17);

export const VILLAGE = '321283100001';

export function householdSummary(id: string) {
  return {
    id,
    householdNo: `${VILLAGE}0001`,
    headName: '张*',
    headPhone: '138****5678',
    villageCode: VILLAGE,
    villageName: '新街村',
    townName: '黄桥镇',
    memberCount: 1,
    managerId: 'u1',
    branchId: 'b01',
    lastVisitAt: null,
    nextFollowUp: null,
  };
}

/** Empty the app's outbox singleton between tests (it caches what it loaded). */
export async function emptyOutbox(): Promise<void> {
  const { outbox } = require('../../../stores/outbox') as typeof import('../../../stores/outbox');
  for (const e of await outbox.entries()) await outbox.discard(e.clientId);
}

/**
 * Test double for `@tarojs/taro` (mapped in jest.config.js). Platform APIs are jest.fn()s a test
 * can program; storage is an in-memory map; page lifecycle hooks run once after mount like
 * Taro's do, and the pull-down / reach-bottom handlers are kept so tests can fire them.
 */
import { useEffect, useRef } from 'react';

type Handler = () => void;

const storage = new Map<string, unknown>();
const pageHandlers: { pullDownRefresh?: Handler; reachBottom?: Handler } = {};

function useOnce(cb: Handler) {
  const ran = useRef(false);
  useEffect(() => {
    if (ran.current) return;
    ran.current = true;
    cb();
  }, []);
}

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD' };

const Taro = {
  ENV_TYPE,
  getEnv: () => (process.env.TARO_ENV === 'weapp' ? ENV_TYPE.WEAPP : ENV_TYPE.WEB),
  pxTransform: (n: number) => `${n / 2}px`,

  request: jest.fn(),
  login: jest.fn(),
  reLaunch: jest.fn(() => Promise.resolve()),
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  getCurrentPages: jest.fn((): Array<{ route?: string }> => []),
  showToast: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),

  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, JSON.parse(JSON.stringify(value)));
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),

  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2, platform: 'devtools' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2 }),
  getDeviceInfo: () => ({ platform: 'devtools' }),
  getAppBaseInfo: () => ({ theme: 'light' }),
  createSelectorQuery: () => {
    const query = {
      select: () => query,
      selectAll: () => query,
      selectViewport: () => query,
      boundingClientRect: () => query,
      scrollOffset: () => query,
      fields: () => query,
      exec: (cb?: (res: unknown[]) => void) => cb?.([]),
    };
    return query;
  },
  nextTick: (cb: Handler) => setTimeout(cb, 0),
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
  getCurrentInstance: () => ({ router: { params: {}, path: '' }, page: {} }),

  useLaunch: useOnce,
  useLoad: useOnce,
  useDidShow: useOnce,
  useReady: useOnce,
  useDidHide: (_cb: Handler) => undefined,
  usePullDownRefresh: (cb: Handler) => {
    pageHandlers.pullDownRefresh = cb;
  },
  useReachBottom: (cb: Handler) => {
    pageHandlers.reachBottom = cb;
  },
};

/** Fire the page's pull-down-refresh or reach-bottom handler, as the platform would. */
export function firePageEvent(name: keyof typeof pageHandlers): void {
  pageHandlers[name]?.();
}

/** Forget storage and programmed mocks between tests. */
export function resetTaroStub(): void {
  storage.clear();
  delete pageHandlers.pullDownRefresh;
  delete pageHandlers.reachBottom;
  for (const value of Object.values(Taro)) {
    if (jest.isMockFunction(value)) value.mockClear();
  }
  Taro.request.mockReset();
  Taro.login.mockReset();
  Taro.getCurrentPages.mockImplementation(() => []);
}

export const {
  getEnv,
  pxTransform,
  request,
  login,
  reLaunch,
  navigateTo,
  getCurrentPages,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  createSelectorQuery,
  eventCenter,
  getCurrentInstance,
  nextTick,
  useLaunch,
  useLoad,
  useDidShow,
  useReady,
  useDidHide,
  usePullDownRefresh,
  useReachBottom,
  stopPullDownRefresh,
} = Taro;

export default Taro;

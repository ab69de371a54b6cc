/**
 * Runs the COMPILED weapp build (`miniapp/dist`) under miniprogram-simulate, in a plain node
 * test environment.
 *
 * Why node and not jest's jsdom environment: the same test file starts the real BFF in-process,
 * and database/Redis drivers misbehave without node globals (setImmediate, TextEncoder...).
 * So the DOM that j-component needs is a jsdom window whose globals are installed only after
 * the BFF is up, and removed at the end.
 *
 * Steps follow docs/toolchain.md: define App/getApp, require dist/app.js and call onLaunch;
 * shim Page() into a Component whose `attached` runs onLoad/onShow/onReady; load each page once
 * per test file; select nodes by id or class.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The compiled weapp; WEAPP_DIST points elsewhere when a build went to another folder. */
export const WEAPP_DIST = process.env.WEAPP_DIST ?? path.resolve(__dirname, '../../miniapp/dist');

/** What `wx.request` receives from Taro. */
export interface WxRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
}

/** The bits of a DOM node the tests read (no DOM lib in the repo's node tsconfig). */
export interface DomNode {
  textContent: string | null;
}

export interface SimNode {
  dom?: DomNode;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
}

export interface SimPage extends SimNode {
  attach(parent: unknown): void;
  detach(): void;
  instance: Record<string, unknown>;
}

interface Simulate {
  load(componentPath: string, options: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimPage;
  sleep(ms: number): Promise<void>;
}

const DOM_GLOBALS = [
  'window',
  'document',
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'Comment',
  'DocumentFragment',
  'Event',
  'CustomEvent',
  'TouchEvent',
  'MouseEvent',
  'MutationObserver',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const;

export interface WeappHost {
  simulate: Simulate;
  /** wx.reLaunch / navigateTo targets, in call order. */
  navigations: string[];
  /** The storage behind wx.get/setStorageSync. */
  storage: Map<string, unknown>;
  /** Load + render + attach a page of the build (once per page per test file). */
  openPage(route: string, query?: Record<string, string>): SimPage;
  /** Wait until `check` passes (React commits and setData are asynchronous). */
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  dispose(): void;
}

export interface WeappHostOptions {
  request: (options: WxRequestOptions) => void;
  login: () => Promise<{ code: string }>;
}

type AnyGlobal = Record<string, unknown>;

export function assertWeappBuilt(): void {
  if (!fs.existsSync(path.join(WEAPP_DIST, 'app.json'))) {
    throw new Error(`No weapp build at ${WEAPP_DIST}: run \`npm run build:weapp -w miniapp\` first.`);
  }
}

/** Install the DOM and the mini program globals, then boot the compiled app. */
export function bootWeapp(options: WeappHostOptions): WeappHost {
  assertWeappBuilt();
  const g = globalThis as unknown as AnyGlobal;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  const setGlobal = (key: string, value: unknown) => {
    if (!saved.has(key)) saved.set(key, Object.getOwnPropertyDescriptor(g, key));
    Object.defineProperty(g, key, { value, configurable: true, writable: true });
  };

  // jsdom ships no types of its own here; only `new JSDOM(html).window` is used.
  const { JSDOM } = require('jsdom') as {
    JSDOM: new (html: string, options?: object) => { window: AnyGlobal & { close(): void; document: { createElement(tag: string): unknown } } };
  };
  const jsdom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const win = jsdom.window;
  for (const key of DOM_GLOBALS) setGlobal(key, key === 'window' ? win : win[key]);

  // miniprogram-simulate reads these globals when it is first required.
  const simulate = require('miniprogram-simulate') as Simulate;
  const jComponent = require('j-component') as { register: (def: { id: string; path?: string }) => unknown };

  // Component ids by file path: the recursive `comp` component is shared by every page, but its
  // JS runs only once per jest module registry, so later pages must reuse its first id.
  const componentIds = new Map<string, string>();
  const register = jComponent.register.bind(jComponent);
  jComponent.register = (def) => {
    if (def.path) componentIds.set(def.path, def.id);
    return register(def);
  };

  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const wx = g.wx as AnyGlobal;
  Object.assign(wx, {
    request: (opts: WxRequestOptions) => {
      options.request(opts);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    login: (opts: { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }) => {
      options.login().then(
        (r) => {
          const res = { errMsg: 'login:ok', ...r };
          opts.success?.(res);
          opts.complete?.(res);
        },
        (e: unknown) => {
          const err = { errMsg: `login:fail ${String(e)}` };
          opts.fail?.(err);
          opts.complete?.(err);
        },
      );
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
    removeStorageSync: (key: string) => void storage.delete(key),
    reLaunch: (opts: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push(opts.url);
      setTimeout(() => {
        opts.success?.({ errMsg: 'reLaunch:ok' });
        opts.complete?.({ errMsg: 'reLaunch:ok' });
      }, 0);
    },
    navigateTo: (opts: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push(opts.url);
      setTimeout(() => {
        opts.success?.({ errMsg: 'navigateTo:ok' });
        opts.complete?.({ errMsg: 'navigateTo:ok' });
      }, 0);
    },
  });

  const pageStack: Array<Record<string, unknown>> = [];
  setGlobal('getCurrentPages', () => pageStack);

  let app: Record<string, (...args: unknown[]) => unknown> | undefined;
  setGlobal('App', (config: Record<string, (...args: unknown[]) => unknown>) => {
    app = config;
  });
  setGlobal('getApp', () => app);

  // miniprogram-simulate only knows Component(): a page becomes a component whose `attached`
  // runs the page lifecycle, with `route`/`options` set as the real Page() would.
  let pendingRoute: { route: string; query: Record<string, string> } | null = null;
  setGlobal('Page', (pageOptions: Record<string, unknown>) => {
    const target = pendingRoute;
    if (!target) throw new Error('Page() called outside openPage()');
    const methods: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(pageOptions)) {
      if (k === 'data') continue;
      if (typeof v === 'function') methods[k] = v;
      else fields[k] = v;
    }
    (g.Component as (o: unknown) => void)({
      data: pageOptions.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown> & Record<string, (...a: unknown[]) => unknown>) {
          Object.assign(this, fields, { route: target.route, __route__: target.route, options: target.query });
          pageStack.push(this);
          this.onLoad?.call(this, target.query);
          this.onShow?.call(this);
          this.onReady?.call(this);
        },
      },
    });
  });

  require(path.join(WEAPP_DIST, 'app.js'));
  if (!app) throw new Error('dist/app.js did not call App()');
  app.onLaunch?.call(app, { path: 'pages/login/index', query: {}, scene: 1001 });

  const host: WeappHost = {
    simulate,
    navigations,
    storage,
    openPage(route, query = {}) {
      const compPath = path.join(WEAPP_DIST, 'comp');
      const known = componentIds.get(compPath);
      pendingRoute = { route, query };
      const id = simulate.load(path.join(WEAPP_DIST, route), {
        compiler: 'official',
        rootPath: WEAPP_DIST,
        ...(known ? { usingComponents: { comp: known } } : {}),
      });
      const page = simulate.render(id);
      page.attach(jsdom.window.document.createElement('parent-wrapper'));
      pendingRoute = null;
      return page;
    },
    async waitFor(check, what, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (check()) return;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await simulate.sleep(25);
      }
    },
    dispose() {
      jsdom.window.close();
      for (const [key, desc] of saved) {
        if (desc) Object.defineProperty(g, key, desc);
        else delete g[key];
      }
    },
  };
  return host;
}

/** Text of the first node matching `selector`, or undefined. */
export function textOf(page: SimNode, selector: string): string | undefined {
  return page.querySelector(selector)?.dom?.textContent ?? undefined;
}

/** Type into a Taro `<input>` the way WeChat reports it (bindinput with detail.value). */
export function typeInto(page: SimNode, selector: string, value: string): void {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`no ${selector} on the page`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

/** A tap, as WeChat delivers it to Taro's event handler. */
export function tap(page: SimNode, selector: string): void {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`no ${selector} on the page`);
  node.dispatchEvent('tap', { detail: { x: 0, y: 0 } });
}

/**
 * A `wx.request` that performs the call over real HTTP against `baseUrl`. The build talks to
 * its configured host (`http://127.0.0.1:8080` by default); the test stack listens on a random
 * port, so that origin is rewritten — the path, method, headers and body go through unchanged.
 */
export function forwardRequestsTo(baseUrl: string, builtOrigin = 'http://127.0.0.1:8080') {
  return (o: WxRequestOptions): void => {
    const url = o.url.startsWith(builtOrigin) ? baseUrl + o.url.slice(builtOrigin.length) : o.url;
    const method = (o.method ?? 'GET').toUpperCase();
    const hasBody = o.data !== undefined && method !== 'GET';
    fetch(url, {
      method,
      headers: o.header,
      body: hasBody ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : undefined,
    })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : '';
        } catch {
          // Not JSON: WeChat hands the raw string over too.
        }
        const header: Record<string, string> = {};
        res.headers.forEach((v, k) => (header[k] = v));
        const result = { statusCode: res.status, data, header, errMsg: 'request:ok' };
        o.success?.(result);
        o.complete?.(result);
      })
      .catch((err: unknown) => {
        const result = { errMsg: `request:fail ${String(err)}` };
        o.fail?.(result);
        o.complete?.(result);
      });
  };
}

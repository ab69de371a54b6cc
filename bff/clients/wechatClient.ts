/**
 * WeChat's server API (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/).
 * The base URL is configuration: production points at api.weixin.qq.com, development and
 * tests at the local simulator in mock-wechat/. The AppSecret and session_key stay here.
 */
export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  // session_key is deliberately not returned to callers: nothing in the app needs it yet,
  // and whatever is not passed around cannot leak.
}

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A subscription message (订阅消息): template fields are `{ key: { value } }`. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini program page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

export interface WechatClient {
  code2Session(code: string): Promise<Code2SessionResult>;
  /** Sends a subscription message; resolves once WeChat accepted it (errcode 0). */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
  /** An unlimited mini-program code (wxa/getwxacodeunlimit) opening `page` with `scene`, as PNG bytes. */
  getUnlimitedQrCode(params: UnlimitedQrCodeParams): Promise<Buffer>;
}

export interface UnlimitedQrCodeParams {
  /** ≤ 32 visible characters; the page receives it as `scene`. */
  scene: string;
  /** A published page path without a leading slash. */
  page: string;
  /** 'release' in production; 'develop'/'trial' let unpublished pages open. */
  envVersion?: 'release' | 'trial' | 'develop';
  width?: number;
}

export function createWechatClient(opts: { apiBase: string; appId: string; secret: string; timeoutMs?: number }): WechatClient {
  const timeout = () => AbortSignal.timeout(opts.timeoutMs ?? 5000);
  // The interface-call credential (access_token) is shared by the whole app and rate-limited by
  // WeChat (2000 fetches a day), so it is cached until shortly before it expires.
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;
  const accessToken = (): Promise<string> => {
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.token);
    inflight ??= (async () => {
      const url = new URL('/cgi-bin/token', opts.apiBase);
      url.search = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret }).toString();
      const res = await fetch(url, { signal: timeout() });
      if (!res.ok) throw new WechatApiError(-1, `cgi-bin/token HTTP ${res.status}`);
      const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
      if (body.errcode || !body.access_token) throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no access_token');
      cached = { token: body.access_token, expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 7200) - 300) * 1000 };
      return body.access_token;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    async sendSubscribeMessage(message) {
      const send = async (token: string) => {
        const url = new URL('/cgi-bin/message/subscribe/send', opts.apiBase);
        url.search = new URLSearchParams({ access_token: token }).toString();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ touser: message.touser, template_id: message.templateId, page: message.page, data: message.data }),
          signal: timeout(),
        });
        if (!res.ok) throw new WechatApiError(-1, `subscribe/send HTTP ${res.status}`);
        return (await res.json()) as { errcode?: number; errmsg?: string };
      };
      let body = await send(await accessToken());
      // 40001/42001: the token was invalidated or expired early; fetch a new one once.
      if (body.errcode === 40001 || body.errcode === 42001) {
        cached = null;
        body = await send(await accessToken());
      }
      if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? 'subscribe/send failed');
    },
    async getUnlimitedQrCode(params) {
      const fetchCode = async (token: string) => {
        const url = new URL('/wxa/getwxacodeunlimit', opts.apiBase);
        url.search = new URLSearchParams({ access_token: token }).toString();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            scene: params.scene,
            page: params.page,
            check_path: false,
            env_version: params.envVersion ?? 'release',
            width: params.width ?? 430,
          }),
          signal: timeout(),
        });
        if (!res.ok) throw new WechatApiError(-1, `getwxacodeunlimit HTTP ${res.status}`);
        // Success is the image itself; a failure is a JSON error body with HTTP 200.
        if ((res.headers.get('content-type') ?? '').startsWith('image/')) return { image: Buffer.from(await res.arrayBuffer()) };
        return { error: (await res.json()) as { errcode?: number; errmsg?: string } };
      };
      let result = await fetchCode(await accessToken());
      if (result.error && (result.error.errcode === 40001 || result.error.errcode === 42001)) {
        cached = null;
        result = await fetchCode(await accessToken());
      }
      if (!result.image) throw new WechatApiError(result.error?.errcode ?? -1, result.error?.errmsg ?? 'getwxacodeunlimit failed');
      return result.image;
    },
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', opts.apiBase);
      url.search = new URLSearchParams({
        appid: opts.appId,
        secret: opts.secret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) });
      if (!res.ok) throw new WechatApiError(-1, `code2Session HTTP ${res.status}`);
      const body = (await res.json()) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
      if (body.errcode || !body.openid) throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? 'no openid');
      return { openid: body.openid, ...(body.unionid ? { unionid: body.unionid } : {}) };
    },
  };
}

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

export interface WechatClient {
  code2Session(code: string): Promise<Code2SessionResult>;
}

export function createWechatClient(opts: { apiBase: string; appId: string; secret: string; timeoutMs?: number }): WechatClient {
  return {
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

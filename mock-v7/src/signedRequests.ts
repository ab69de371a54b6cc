import type Koa from 'koa';
import mongoose from 'mongoose';
import { V7_HEADERS, isV7TimestampFresh, v7BodyHash, verifyV7Signature } from '@sunshine/shared/src/v7Signature';
import { V7Error, badRequest, isDuplicateKey } from './errors';
import type { V7Models } from './models';

/**
 * Authenticates every V7 API call: HMAC-SHA256 over method, path, app id, timestamp, nonce and
 * the body's hash (shared/src/v7Signature.ts). Refused with 401 when a header is missing, the
 * app is unknown, the signature is wrong, the timestamp is outside the skew window, or the
 * nonce was seen before. A nonce is recorded by a unique insert, so two concurrent replays of
 * one request cannot both pass; nonces older than twice the window are purged now and then
 * (no TTL indexes on FerretDB).
 */
export interface SignedRequestOptions {
  models: V7Models;
  apps: Record<string, string>;
  clockSkewMs: number;
  now: () => number;
  maxBodyBytes?: number;
}

async function readRawBody(req: Koa.Request['req'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new V7Error(413, 'v7.too_large', '请求体过大');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

const unauthorized = (id: string, message: string) => new V7Error(401, id, message);

export function signedRequests(opts: SignedRequestOptions): Koa.Middleware {
  let lastPurge = 0;
  const purgeEveryMs = Math.max(60_000, opts.clockSkewMs);

  return async (ctx, next) => {
    const raw = await readRawBody(ctx.req, opts.maxBodyBytes ?? 1024 * 1024);
    const appId = ctx.get(V7_HEADERS.appId);
    const timestamp = ctx.get(V7_HEADERS.timestamp);
    const nonce = ctx.get(V7_HEADERS.nonce);
    const signature = ctx.get(V7_HEADERS.signature);
    if (!appId || !timestamp || !nonce || !signature) throw unauthorized('v7.signature_missing', '缺少签名信息');
    const secret = opts.apps[appId];
    if (secret === undefined) throw unauthorized('v7.unknown_app', '未登记的接入系统');
    if (nonce.length > 128) throw unauthorized('v7.bad_signature', '签名校验失败');
    const valid = await verifyV7Signature({
      secret,
      method: ctx.method,
      path: ctx.originalUrl,
      body: raw,
      appId,
      timestamp,
      nonce,
      signature,
    });
    if (!valid) throw unauthorized('v7.bad_signature', '签名校验失败');
    const now = opts.now();
    if (!isV7TimestampFresh(timestamp, now, opts.clockSkewMs)) throw unauthorized('v7.timestamp_expired', '请求时间戳超出允许范围');
    try {
      await opts.models.Nonce.create({ _id: `${appId}:${nonce}`, createdAt: new Date(now) });
    } catch (err) {
      if (isDuplicateKey(err)) throw unauthorized('v7.nonce_replayed', '重复的请求(nonce 已使用)');
      throw err;
    }
    if (now - lastPurge > purgeEveryMs) {
      lastPurge = now;
      const cutoff = new Date(now - 2 * opts.clockSkewMs);
      void opts.models.Nonce.deleteMany({ createdAt: mongoose.trusted({ $lt: cutoff }) }).catch(() => undefined);
    }

    ctx.state.appId = appId;
    ctx.state.bodyHash = await v7BodyHash(raw);
    if (raw.length > 0) {
      try {
        ctx.state.body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw badRequest('请求体不是合法的 JSON');
      }
    } else {
      ctx.state.body = undefined;
    }
    await next();
  };
}

import { createHash } from 'node:crypto';
import type Koa from 'koa';
import { V7_HEADERS } from '@sunshine/shared/src/v7Signature';
import { V7Error, isDuplicateKey } from './errors';
import type { V7Models } from './models';

/**
 * Idempotency-Key handling for V7's writes (mounted after signedRequests).
 *
 * The first request with a key claims it by a unique insert; its successful (2xx) answer is
 * stored and every later request with the same key and the same method, path and body gets
 * that answer again (header `Idempotent-Replayed: true`). The same key with a different
 * request is refused with 422. A request arriving while the first one with its key is still
 * running gets 409 `v7.request_in_progress` (retry later). Failed answers are not stored —
 * the claim is released — because a refusal such as "file not synced yet" may not hold on
 * retry. A claim left by a crashed process expires after `leaseMs`; re-running is then safe
 * because every write below is itself decided by a unique insert on its business key.
 */
export function idempotent(models: V7Models, leaseMs = 30_000): Koa.Middleware {
  return async (ctx, next) => {
    const key = ctx.get(V7_HEADERS.idempotencyKey);
    if (!key) throw new V7Error(400, 'v7.idempotency_key_required', '缺少 Idempotency-Key', 'Idempotency-Key');
    if (key.length > 200) throw new V7Error(400, 'v7.invalid_request', 'Idempotency-Key 过长', 'Idempotency-Key');
    const id = `${ctx.state.appId as string}:${key}`;
    const fingerprint = createHash('sha256')
      .update(`${ctx.method}\n${ctx.path}\n${ctx.state.bodyHash as string}`)
      .digest('hex');

    try {
      await models.Idempotency.create({ _id: id, fingerprint, state: 'processing', startedAt: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const prior = await models.Idempotency.findById(id).lean();
      if (prior) {
        if (prior.fingerprint !== fingerprint) {
          throw new V7Error(422, 'v7.idempotency_mismatch', '同一 Idempotency-Key 的请求内容不一致');
        }
        if (prior.state === 'done' && prior.status !== undefined && prior.response !== undefined) {
          ctx.status = prior.status;
          ctx.type = 'application/json';
          ctx.body = prior.response;
          ctx.set('Idempotent-Replayed', 'true');
          return;
        }
        if (Date.now() - prior.startedAt.getTime() < leaseMs) {
          throw new V7Error(409, 'v7.request_in_progress', '相同请求正在处理中,请稍后重试');
        }
      }
      // The claim expired (or vanished): take it over.
      await models.Idempotency.updateOne(
        { _id: id },
        { $set: { fingerprint, state: 'processing', startedAt: new Date() } },
        { upsert: true },
      );
    }

    try {
      await next();
    } catch (err) {
      await models.Idempotency.deleteOne({ _id: id }).catch(() => undefined);
      throw err;
    }
    if (ctx.status >= 200 && ctx.status < 300) {
      await models.Idempotency.updateOne({ _id: id }, { $set: { state: 'done', status: ctx.status, response: JSON.stringify(ctx.body) } });
    } else {
      await models.Idempotency.deleteOne({ _id: id }).catch(() => undefined);
    }
  };
}

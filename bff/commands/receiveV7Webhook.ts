import { ERROR_IDS, V7_HEADERS, isV7TimestampFresh, v7WebhookEventSchema, verifyV7Signature, type V7WebhookEvent } from '@sunshine/shared';
import type { Services } from '../src/context';
import { AppError, ValidationError } from '../src/errors';
import { applyApplicationEvents } from './v7Sync/applyV7Events';

/**
 * Accepts one webhook from V7 (签约 signing / 用信 drawdown): the signature is checked first
 * (shared/src/v7Signature.ts with V7_WEBHOOK_SECRET, timestamp within ±5 minutes), then the
 * event's shape, then it is stored once by its event id. V7 delivers at least once and
 * retries until it gets a 2xx, so a redelivery answers 200 as a duplicate instead of an
 * error. No nonce store is needed: a replayed request can only ever repeat a stored event.
 *
 * Once stored, the event is applied to the application's CreditUsage (signed limit, used
 * amount) and the portrait cache is dropped. V7 already has its 2xx once the event is stored:
 * if applying fails, the event stays unprocessed and the V7 sync sweeper applies it.
 */
export interface WebhookRequest {
  method: string;
  /** Path and query as received, part of what V7 signed. */
  path: string;
  rawBody: string;
  header(name: string): string;
}

export async function receiveV7Webhook(
  services: Pick<Services, 'config' | 'models' | 'redis' | 'logger'>,
  req: WebhookRequest,
  now = Date.now(),
): Promise<{ event: V7WebhookEvent; duplicate: boolean }> {
  const appId = req.header(V7_HEADERS.appId);
  const timestamp = req.header(V7_HEADERS.timestamp);
  const nonce = req.header(V7_HEADERS.nonce);
  const signature = req.header(V7_HEADERS.signature);
  const refused = () => new AppError(401, ERROR_IDS.v7WebhookUnauthenticated, '通知签名无效');
  if (!appId || !timestamp || !nonce || !signature) throw refused();
  const valid = await verifyV7Signature({
    secret: services.config.v7.webhookSecret,
    method: req.method,
    path: req.path,
    body: req.rawBody,
    appId,
    timestamp,
    nonce,
    signature,
  });
  if (!valid || !isV7TimestampFresh(timestamp, now)) throw refused();

  let json: unknown;
  try {
    json = JSON.parse(req.rawBody);
  } catch {
    throw new ValidationError('通知内容不是合法的 JSON', ['body']);
  }
  const parsed = v7WebhookEventSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))];
    throw new ValidationError(`${fields[0]}: ${parsed.error.issues[0]?.message ?? '无效'}`, fields);
  }
  const event = parsed.data;
  const headerEventId = req.header(V7_HEADERS.eventId);
  if (headerEventId && headerEventId !== event.eventId) throw new ValidationError('事件编号与通知内容不一致', ['eventId']);

  let duplicate = false;
  try {
    await services.models.V7Event.create({
      _id: event.eventId,
      type: event.type,
      applicationId: event.applicationId,
      v7ApplicationNo: event.v7ApplicationNo,
      occurredAt: new Date(event.occurredAt),
      payload: event,
      receivedAt: new Date(now),
    });
  } catch (err) {
    if ((err as { code?: unknown }).code !== 11000) throw err;
    duplicate = true;
  }
  await applyApplicationEvents(
    { models: services.models, redis: services.redis, redisPrefix: services.config.redisPrefix },
    event.applicationId,
  ).catch((err: unknown) =>
    services.logger.warn({ err: String(err), eventId: event.eventId }, 'v7 event stored, applying it deferred to the sweeper'),
  );
  return { event, duplicate };
}

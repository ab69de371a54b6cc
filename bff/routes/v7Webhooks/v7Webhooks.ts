import Router from '@koa/router';
import { z } from 'zod';
import { errorResponseSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { receiveV7Webhook } from '../../commands/receiveV7Webhook';

const receivedSchema = z
  .object({ received: z.literal(true), eventId: z.string(), duplicate: z.boolean() })
  .meta({ id: 'V7WebhookReceived' });

/**
 * V7's signed notifications (签约, 用信). Public: V7 authenticates by HMAC signature, not by a
 * user token. The body is left unparsed by the route, because the signature covers the raw
 * bytes and must be checked before the content is trusted (v7WebhookEventSchema in shared/).
 */
export function v7WebhookRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/public/v7/webhooks',
    summary: 'Receive a signed V7 event (precredit.signed / precredit.drawdown); stored once per event id',
    tags: ['v7'],
    policy: 'public',
    responses: {
      200: { description: '已接收(重复投递也答 200)', schema: receivedSchema },
      400: { description: '通知内容无效', schema: errorResponseSchema },
      401: { description: '签名无效或过期', schema: errorResponseSchema },
    },
    async handler(ctx) {
      const { event, duplicate } = await receiveV7Webhook(ctx.services, {
        method: ctx.method,
        path: ctx.originalUrl,
        rawBody: (ctx.request as { rawBody?: string }).rawBody ?? '',
        header: (name) => ctx.get(name),
      });
      ctx.body = { received: true, eventId: event.eventId, duplicate };
    },
  });

  return router;
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyV7Signature } from '@sunshine/shared';
import { TEST_V7_WEBHOOK_SECRET } from './testing';

/** Test helpers for webhooks: a local receiver standing in for the bank, and polling. */
/** A bank-side receiver that answers 500 to the first `failFirst` deliveries of each event. */
export interface Receiver {
  url: string;
  received: { at: number; eventId: string; body: string; signatureValid: boolean; status: number }[];
  failFirst: number;
  close(): Promise<void>;
}

export async function startReceiver(failFirst: number): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const seen = new Map<string, number>();
  const state = { failFirst };
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((req, res) => {
    void read(req).then(async (body) => {
      const h = (name: string) => String(req.headers[name] ?? '');
      const signatureValid = await verifyV7Signature({
        secret: TEST_V7_WEBHOOK_SECRET,
        method: req.method ?? '',
        path: req.url ?? '',
        body,
        appId: h('x-v7-app-id'),
        timestamp: h('x-v7-timestamp'),
        nonce: h('x-v7-nonce'),
        signature: h('x-v7-signature'),
      });
      const eventId = h('x-v7-event-id');
      const n = (seen.get(eventId) ?? 0) + 1;
      seen.set(eventId, n);
      const status = n <= state.failFirst ? 500 : 204;
      received.push({ at: Date.now(), eventId, body, signatureValid, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/public/v7/webhooks?src=v7`,
    received,
    get failFirst() {
      return state.failFirst;
    },
    set failFirst(v: number) {
      state.failFirst = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

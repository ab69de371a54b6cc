import mongoose from 'mongoose';
import { V7_HEADERS, signV7Request, type V7WebhookEvent } from '@sunshine/shared';
import type { FaultState } from './faults';
import type { V7Models, WebhookDeliveryDoc } from './models';

/**
 * Signed webhooks to the bank: at-least-once, each event with a unique id, retried with
 * exponential backoff (full jitter over the upper half, capped) until the receiver answers
 * 2xx — there is no give-up, as with the real platform's notification queue. The delivery
 * is a document, so a restarted simulator resumes where it stopped; an attempt in flight
 * when the process died is simply sent again, which the receiver dedupes by event id.
 */
export interface WebhookTarget {
  url: string;
  /** HMAC secret shared with the bank for webhooks (separate from the API's). */
  secret: string;
  /** Sent as the app id of the signature: V7's own identity. */
  appId: string;
}

export async function enqueueWebhook(models: V7Models, target: WebhookTarget, event: V7WebhookEvent): Promise<void> {
  const now = new Date();
  try {
    await models.WebhookDelivery.create({
      _id: event.eventId,
      type: event.type,
      applicationId: event.applicationId,
      url: target.url,
      body: JSON.stringify(event),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastStatus: null,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
    });
  } catch (err) {
    // The same event enqueued again (a repeated admin call): one delivery is enough.
    if ((err as { code?: unknown }).code !== 11000) throw err;
  }
}

export interface DispatcherOptions {
  models: V7Models;
  target: WebhookTarget;
  faults?: FaultState;
  pollMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  concurrency?: number;
  random?: () => number;
  onError?: (err: unknown) => void;
}

export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly inFlight = new Set<string>();
  private stopped = true;
  private again = false;

  constructor(private readonly opts: DispatcherOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks for due deliveries now (after an enqueue) instead of at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => {
          this.running = null;
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? 0 : (this.opts.pollMs ?? 250));
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.opts.faults?.outage) return; // V7 is down: nothing leaves it either
    const due = await this.opts.models.WebhookDelivery.find({ state: 'pending', nextAttemptAt: mongoose.trusted({ $lte: new Date() }) })
      .sort({ nextAttemptAt: 1 })
      .limit(50)
      .lean();
    const queue = due.filter((d) => !this.inFlight.has(d._id));
    const workers = Array.from({ length: Math.min(this.opts.concurrency ?? 4, queue.length) }, async () => {
      for (let d = queue.shift(); d && !this.stopped; d = queue.shift()) await this.attempt(d);
    });
    await Promise.all(workers);
  }

  private async attempt(d: WebhookDeliveryDoc): Promise<void> {
    this.inFlight.add(d._id);
    const attempts = d.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const url = new URL(d.url);
      const headers = await signV7Request({
        secret: this.opts.target.secret,
        appId: this.opts.target.appId,
        method: 'POST',
        path: url.pathname + url.search,
        body: d.body,
      });
      const res = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', [V7_HEADERS.eventId]: d._id },
        body: d.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    try {
      const models = this.opts.models;
      if (error === null) {
        await models.WebhookDelivery.updateOne(
          { _id: d._id },
          { $set: { state: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: new Date() } },
        );
      } else {
        const delay = backoffMs(attempts, this.opts.baseDelayMs ?? 1000, this.opts.maxDelayMs ?? 60_000, this.opts.random ?? Math.random);
        await models.WebhookDelivery.updateOne(
          { _id: d._id },
          { $set: { attempts, lastStatus: status, lastError: error.slice(0, 300), nextAttemptAt: new Date(Date.now() + delay) } },
        );
      }
    } finally {
      this.inFlight.delete(d._id);
    }
  }
}

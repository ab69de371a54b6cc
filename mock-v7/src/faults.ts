import type Koa from 'koa';
import { z } from 'zod';
import { errorBody } from './errors';

/**
 * Fault injection for tests and demos, set at run time through `POST /admin/faults`.
 *
 * - latencyMs: every V7 API request waits a random delay, uniform in [0.5, 1.5] × latencyMs,
 *   on top of the simulator's base latency.
 * - errorRate: that share of V7 API requests fails with a 5xx. Half of the failures happen
 *   before anything is processed (503); the other half after the request was fully applied
 *   and its idempotent answer stored, but before the answer leaves (504, like a gateway
 *   timing out on a committed backend). The second kind is why a caller must retry with the
 *   same Idempotency-Key: the retry gets the stored answer instead of applying twice.
 * - outage: every V7 API connection is reset without an answer, /healthz answers 503 and
 *   webhooks pause. /admin keeps working so the outage can be lifted.
 *
 * Settings live in memory: a restarted simulator starts healthy.
 */
export const faultSettingsSchema = z
  .object({
    errorRate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    outage: z.boolean().optional(),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export type InjectedError = 'none' | 'before' | 'after';

export class FaultState {
  private settings: Required<FaultSettings> = { errorRate: 0, latencyMs: 0, outage: false };

  constructor(
    /** Latency of a healthy V7 (jittered ±40 %), so local demos feel like a remote system. */
    readonly baseLatencyMs = 0,
    private readonly random: () => number = Math.random,
  ) {}

  /** Replaces all settings; absent fields go back to healthy, so `{}` clears everything. */
  set(next: FaultSettings): void {
    this.settings = { errorRate: next.errorRate ?? 0, latencyMs: next.latencyMs ?? 0, outage: next.outage ?? false };
  }

  get current(): Required<FaultSettings> & { baseLatencyMs: number } {
    return { ...this.settings, baseLatencyMs: this.baseLatencyMs };
  }

  get outage(): boolean {
    return this.settings.outage;
  }

  delayMs(): number {
    const base = this.baseLatencyMs * (0.6 + 0.8 * this.random());
    const injected = this.settings.latencyMs * (0.5 + this.random());
    return Math.round(base + injected);
  }

  drawError(): InjectedError {
    const r = this.random();
    if (r >= this.settings.errorRate) return 'none';
    return r < this.settings.errorRate / 2 ? 'before' : 'after';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Mounted in front of the V7 API only (not /admin). */
export function faultInjection(faults: FaultState): Koa.Middleware {
  return async (ctx, next) => {
    if (faults.outage) {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return;
    }
    const delay = faults.delayMs();
    if (delay > 0) await sleep(delay);
    const injected = faults.drawError();
    if (injected === 'before') {
      ctx.status = 503;
      ctx.body = errorBody('v7.unavailable', '系统繁忙,请稍后重试');
      return;
    }
    await next();
    if (injected === 'after') {
      ctx.remove('Idempotent-Replayed');
      ctx.status = 504;
      ctx.body = errorBody('v7.gateway_timeout', '网关超时');
    }
  };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import { createMockV7 } from './app';
import type { MockV7Config } from './config';
import { FaultState } from './faults';
import { connectV7Database, type V7Models } from './models';
import { WebhookDispatcher } from './webhooks';

/**
 * A running simulator: database, HTTP server and webhook dispatcher. main.ts uses it, and so
 * can tests that need a real V7 (`port: 0`).
 */
export interface RunningMockV7 {
  url: string;
  port: number;
  server: Server;
  conn: Connection;
  models: V7Models;
  faults: FaultState;
  dispatcher: WebhookDispatcher;
  stop(): Promise<void>;
}

export interface StartOptions extends MockV7Config {
  /** Webhook polling interval; shorter in tests. */
  webhookPollMs?: number;
  onError?: (err: unknown) => void;
}

export async function startMockV7(config: StartOptions): Promise<RunningMockV7> {
  const { conn, models } = await connectV7Database(config.mongodbUri);
  const faults = new FaultState(config.baseLatencyMs);
  const target = { url: config.webhookUrl, secret: config.webhookSecret, appId: 'v7-provincial' };
  const dispatcher = new WebhookDispatcher({
    models,
    target,
    faults,
    pollMs: config.webhookPollMs,
    baseDelayMs: config.webhookBaseDelayMs,
    maxDelayMs: config.webhookMaxDelayMs,
    onError: config.onError,
  });
  const app = createMockV7({
    models,
    apps: { [config.appId]: config.appSecret },
    webhook: target,
    faults,
    clockSkewMs: config.clockSkewMs,
    onWebhookEnqueued: () => dispatcher.kick(),
  });
  if (config.onError) app.on('error', config.onError);
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  dispatcher.start();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    server,
    conn,
    models,
    faults,
    dispatcher,
    async stop() {
      await dispatcher.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await conn.close();
    },
  };
}

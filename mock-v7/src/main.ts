import { loadMockV7Config } from './config';
import { startMockV7 } from './server';

/** Process entry: `MOCK_V7_PORT` (default 8090), database `MOCK_V7_DB` (default mockv7). */
async function main(): Promise<void> {
  const config = loadMockV7Config();
  const v7 = await startMockV7({ ...config, onError: (err) => console.error('mock-v7 error:', err instanceof Error ? err.message : err) });
  console.log(`mock-v7 listening on ${v7.url} (webhooks to ${config.webhookUrl})`);
  let stopping = false;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      void v7.stop().finally(() => {
        clearTimeout(force);
        process.exit(0);
      });
    });
  }
}

main().catch((err: unknown) => {
  console.error('mock-v7 failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});

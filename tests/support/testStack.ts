import path from 'node:path';
import { startTestApp, type TestApp } from '../../bff/testing/testApp';
import { seedDemoBank } from '../../bff/demo/seedDemoBank';

/**
 * The whole stack for cross-package and end-to-end tests: the real BFF on port 0 against a
 * fresh database on the real MongoDB-wire server and the real Redis, a WeChat API
 * simulator, a small demo bank (the accounts of api-contract.md, password Demo@2026), and
 * the H5 build of the mini program served at `/` when it has been built.
 */
export interface TestStack {
  baseUrl: string;
  app: TestApp;
  stop(): Promise<void>;
}

export const H5_DIST = process.env.H5_DIST_DIR ?? path.resolve(__dirname, '../../miniapp/dist-h5');

export async function startTestStack(opts: { households?: number } = {}): Promise<TestStack> {
  const app = await startTestApp({ h5Dist: H5_DIST });
  try {
    await seedDemoBank(app.db.models, app.crypto, { seed: 20261128, households: opts.households ?? 300 });
  } catch (err) {
    await app.stop();
    throw err;
  }
  return { baseUrl: app.baseUrl, app, stop: () => app.stop() };
}

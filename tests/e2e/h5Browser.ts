/**
 * Debian's Chromium driven by playwright-core (no browser download: the registry's browser
 * builds are out of reach here). A fresh profile per launch, and every background service that
 * would phone home switched off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/e2e');
export const H5_DIST = process.env.H5_DIST_DIR ?? path.resolve(__dirname, '../../miniapp/dist-h5');

export function assertBrowserAndBuild(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-wqy-microhei`);
  }
  if (!fs.existsSync(path.join(H5_DIST, 'index.html'))) {
    throw new Error(`No H5 build at ${H5_DIST}: run \`npm run build:h5 -w miniapp\` first.`);
  }
}

export interface PhoneBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A phone-sized Chromium (390×844 @2x, touch, zh-CN) with a throwaway profile. */
export async function launchPhone(): Promise<PhoneBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sunshine-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

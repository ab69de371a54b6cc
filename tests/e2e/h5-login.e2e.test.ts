/**
 * The H5 build in a real browser against the real BFF (which serves miniapp/dist-h5 at `/`):
 * a manager signs in through the form, sees their home page and their masked household list;
 * a wrong password is refused in Chinese. Screenshots go to test-artifacts/e2e/, and the home
 * page one also to docs/screenshot-h5.png for the README.
 *
 * Needs `npm run build:h5 -w miniapp` first (scripts/test.sh does it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestStack } from '../support/testStack';
import { ARTIFACTS, assertBrowserAndBuild, launchPhone, type PhoneBrowser } from './h5Browser';

const README_SHOT = path.resolve(__dirname, '../../docs/screenshot-h5.png');

let stack: Awaited<ReturnType<typeof startTestStack>>;
let phone: PhoneBrowser;

beforeAll(async () => {
  assertBrowserAndBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  phone = await launchPhone();
});

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

async function openLogin(): Promise<Page> {
  const page = await phone.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.baseUrl}/`);
  await page.locator('#login-username input').waitFor();
  expect(errors).toEqual([]);
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill(password);
  await page.locator('#login-submit').click();
}

/** Fonts and NutUI transitions settle before a screenshot is worth keeping. */
async function shot(page: Page, name: string): Promise<string> {
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

it('refuses a wrong password with 用户名或密码错误', async () => {
  const page = await openLogin();
  await shot(page, '01-login');
  // Another demo account, so this failure doesn't count towards m.01.01's lockout.
  await signIn(page, 'm.01.02', 'Wrong@2026');

  await expect(page.locator('#login-error').innerText()).resolves.toBe('用户名或密码错误');
  expect(page.url()).not.toContain('pages/home');
  await shot(page, '02-login-wrong-password');
  await page.close();
});

it('signs a manager in, shows the manager home page, then the masked household list', async () => {
  const page = await openLogin();
  await signIn(page, 'm.01.01', 'Demo@2026');

  await page.locator('#home-name').waitFor();
  expect((await page.locator('#home-name').innerText()).trim().length).toBeGreaterThan(0);
  expect(await page.locator('#home-role').innerText()).toBe('客户经理');
  const households = Number((await page.locator('#summary-households .summary-figures__number').innerText()).replace(/\D/g, ''));
  expect(households).toBeGreaterThan(0);
  await expect(page.locator('.entry-list__item--ready', { hasText: '走访建档' }).innerText()).resolves.not.toContain('即将上线');

  const homeShot = await shot(page, '03-home-manager');
  fs.mkdirSync(path.dirname(README_SHOT), { recursive: true });
  fs.copyFileSync(homeShot, README_SHOT);

  await page.locator('.entry-list__item--ready', { hasText: '我的客户' }).click();
  await page.locator('.household-name').first().waitFor();
  expect(page.url()).toContain('subpackages/households/pages/list/index');

  const total = Number((await page.locator('#households-total').innerText()).replace(/\D/g, ''));
  expect(total).toBe(households);
  const names = await page.locator('.household-name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(name).toMatch(/^[^*]+\*+$/);
  const phones = await page.locator('.household-phone').allInnerTexts();
  for (const p of phones) expect(p).toMatch(/^(\d{3}\*{4}\d{4}|未留电话)$/);
  await shot(page, '04-households');
  await page.close();
});

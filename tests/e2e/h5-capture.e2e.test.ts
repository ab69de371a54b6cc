/**
 * The H5 build (miniapp/dist-h5-capture) in Chromium against the real BFF: m.01.01 signs in,
 * files a household through the 一户一档 form, records a visit with the browser's geolocation
 * (set in the context; the page converts the browser's WGS-84 to GCJ-02), and finds the
 * household under 已走访.
 *
 * Photos are not taken here: H5 chooseMedia with sourceType camera opens a capture input that
 * headless Chromium cannot drive. Photo upload and replay are covered by the jest tests of the
 * visit page and the outbox.
 *
 * Needs `TARO_OUTPUT_ROOT=dist-h5-capture npx taro build --type h5` in miniapp/, then
 * H5_DIST_DIR=miniapp/dist-h5-capture.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@sunshine/shared';
import { startTestStack } from '../support/testStack';
import { ARTIFACTS, assertBrowserAndBuild, launchPhone, type PhoneBrowser } from './h5Browser';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let phone: PhoneBrowser;

// 泰兴市 黄桥镇 area, WGS-84 as a phone's GPS reports it.
const WGS84 = { latitude: 32.2401, longitude: 120.0432, accuracy: 18 };

beforeAll(async () => {
  assertBrowserAndBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack();
  phone = await launchPhone();
  await phone.context.grantPermissions(['geolocation'], { origin: stack.baseUrl });
  await phone.context.setGeolocation(WGS84);
}, 180_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

async function shot(page: Page, name: string) {
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

it('a manager files a household, records a located visit and sees it under 已走访', async () => {
  const { Household, User, Visit } = stack.app.db.models;
  const manager = await User.findOne({ username: 'm.01.01' }).lean();
  const village = (await Household.findOne({ managerId: manager!._id }).lean())!.villageCode;
  const address = `E2E测试${Date.now() % 100000}号`;
  const first17 = `321283${1960 + (Date.now() % 30)}0312${String(100 + (Date.now() % 800))}`;
  const idNumber = first17 + idCheckChar(first17);

  const page = await phone.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.baseUrl}/`);
  await page.locator('#login-username input').fill('m.01.01');
  await page.locator('#login-password input').fill('Demo@2026');
  await page.locator('#login-submit').click();
  await page.locator('#home-name').waitFor();

  await page.locator('.entry-list__item--ready', { hasText: '我的客户' }).click();
  await page.locator('#household-new').click();
  await page.locator(`#village-${village}`).click();
  await page.locator('#household-address input').fill(address);
  await page.locator('#member-0-name input').fill('测试户主');
  await page.locator('#member-0-idNumber input').fill(idNumber);
  await page.locator('#member-0-phone input').fill('13912340000');
  await page.locator('#member-0-education-senior_high').click();
  await page.locator('#member-0-maritalStatus-married').click();
  await page.locator('#finance-annualIncome input').fill('120000');
  await page.locator('#finance-netIncome input').fill('80000');
  await page.locator('#finance-annualSpending input').fill('40000');
  await page.locator('#soft-flag-village_recommended').click();
  await shot(page, 'capture-01-form');
  await page.locator('#form-submit').click();

  await page
    .locator('#form-done-title')
    .waitFor()
    .catch(async (err: Error) => {
      const shown = await page.locator('.capture-row__error, #form-message').allInnerTexts();
      throw new Error(`${err.message}; the form shows: ${shown.join(' | ')}`);
    });
  expect(await page.locator('#form-done-title').innerText()).toBe('建档成功');
  const filed = await Household.findOne({ address }).lean();
  expect(filed).toBeTruthy();
  expect(filed!.softInfo).toMatchObject({ flags: ['village_recommended'] });
  expect(await page.locator('#form-done-no').innerText()).toContain(filed!.householdNo);

  await page.locator('#form-go-visit').click();
  await page.locator('#visit-location', { hasText: '精度 18 米' }).waitFor();
  await page.locator('#visit-outcome-interested').click();
  await page.locator('#visit-product-sunshine_credit').click();
  await page.locator('#visit-notes textarea').fill('E2E 走访');
  await shot(page, 'capture-02-visit');
  await page.locator('#visit-submit').click();
  await page.locator('#visit-done-title', { hasText: '走访已登记' }).waitFor();

  const visits = await Visit.find({ householdId: filed!._id }).lean();
  expect(visits).toHaveLength(1);
  // GCJ-02 sits a few hundred metres off WGS-84 around 泰兴; the browser's fix was converted.
  const location = visits[0]!.location as { lat: number; lng: number; accuracy: number };
  expect(location.accuracy).toBe(18);
  expect(Math.abs(location.lat - WGS84.latitude)).toBeGreaterThan(0.0005);
  expect(Math.abs(location.lat - WGS84.latitude)).toBeLessThan(0.01);
  expect(visits[0]!.notes).toBe('E2E 走访');

  await page.locator('#visit-back-list').click();
  // The list opened from home is still in the page stack (hidden); work on the visible one.
  await page.locator('.households-tab--visited:visible').click();
  const search = page.locator('.households__search input:visible');
  await search.fill(filed!.householdNo);
  await search.press('Enter');
  await page.locator('.household-no:visible', { hasText: filed!.householdNo }).waitFor();
  expect(await page.locator('.household-item:visible').count()).toBe(1);
  expect(await page.locator('.household-item__visited:visible').count()).toBe(1);
  await shot(page, 'capture-03-visited');

  // And it is not under 未走访.
  await page.locator('.households-tab--not_visited:visible').click();
  await page.locator('#households-total:visible', { hasText: '共 0 户' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

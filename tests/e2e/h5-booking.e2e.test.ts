/**
 * A customer books through a share card in the H5 build, in Chromium, against the real BFF:
 * m.01.01 publishes availability and creates a card through the API; the customer opens
 * `/#/subpackages/customer/pages/card/index?c=<code>`, verifies their phone with the code the
 * SMS simulator received, sees the manager and the bank's products, and books the first free
 * slot. The manager then finds it among that day's appointments, with the phone masked.
 *
 * Needs an H5 build with the customer subpackage (H5_DIST_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTestStack } from '../support/testStack';
import { ARTIFACTS, assertBrowserAndBuild, launchPhone, type PhoneBrowser } from './h5Browser';

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

const CST_MS = 8 * 3600_000;
const cstDay = (iso: string) => new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 10);

it('a customer opens a share card, verifies by SMS code and books a slot', async () => {
  const { api, config } = stack.app;
  const manager = await api.login('m.01.01', 'Demo@2026');
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  const saved = await api.request('PUT', '/api/v1/me/availability', {
    body: { windows: allWeek, workPhone: '13951230001' },
    token: manager.accessToken,
  });
  expect(saved.status).toBe(200);
  const card = await api.post('/api/v1/share-cards', {}, manager.accessToken);
  expect(card.status).toBe(201);

  const page = await phone.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.baseUrl}/#/subpackages/customer/pages/card/index?c=${card.body.code}`);

  const customerPhone = '13861234567';
  await page.locator('#sms-phone input').fill(customerPhone);
  await page.locator('#sms-send').click();
  await page.locator('#sms-hint').waitFor();
  expect(await page.locator('#sms-hint').innerText()).toContain('138****4567');
  const outbox = (await (await fetch(`${config.customer.sms.apiBase}/admin/sms?phone=${customerPhone}`)).json()) as Array<{ text: string }>;
  const code = /(\d{6})/.exec(outbox[outbox.length - 1]!.text)![1]!;
  await page.locator('#sms-code input').fill(code);
  await page.locator('#sms-submit').click();

  await page.locator('#manager-name').waitFor();
  expect(await page.locator('#manager-name').innerText()).toBe(manager.user.name);
  expect(await page.locator('#manager-phone').innerText()).toContain('139****0001');
  expect(await page.locator('.product-item').count()).toBeGreaterThan(3);
  await expect(page.locator('.product-item').first().innerText()).resolves.toContain('阳光信贷');
  await page.screenshot({ path: path.join(ARTIFACTS, '20-customer-card.png') });

  await page.locator('#slot-0').click();
  await page.locator('#book-submit').click();
  await page.locator('#book-success').waitFor();
  expect(await page.locator('#book-success').innerText()).toContain('等待客户经理确认');
  await page.screenshot({ path: path.join(ARTIFACTS, '21-customer-booked.png') });
  expect(errors).toEqual([]);

  // The manager sees it on its day, with the customer's phone masked.
  const customerToken = await page.evaluate(() => {
    // Taro H5 keeps `{ data: value }` in localStorage.
    const raw = localStorage.getItem('sunshine.session.v1');
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as { data?: unknown; accessToken?: string };
    const session = (typeof stored.data === 'string' ? JSON.parse(stored.data) : (stored.data ?? stored)) as { accessToken?: string };
    return session.accessToken;
  });
  expect(customerToken).toBeTruthy();
  const mine = await api.get('/api/v1/customer/appointments', customerToken);
  expect(mine.body.data).toHaveLength(1);
  const booked = mine.body.data[0];
  const day = await api.get(`/api/v1/appointments?date=${cstDay(booked.slotStart)}`, manager.accessToken);
  const found = day.body.data.find((a: { id: string }) => a.id === booked.id);
  expect(found).toMatchObject({ status: 'requested', customer: { phoneMasked: '138****4567' } });
  expect(JSON.stringify(day.body)).not.toContain(customerPhone);
  await page.close();
});

/**
 * The credit flow in the H5 build, in Chromium, against the real BFF and the real V7
 * simulator process (tests/support/testStack.ts with `v7: true`):
 *
 * 1. m.01.01 opens a household from 我的客户, runs 授信测算 from its portrait and sees the
 *    decision with its reason in Chinese, the factor points and the limit breakdown, then
 *    submits the application;
 * 2. bp.01 approves level 1 and hq.credit level 2, each with a comment, on their own phones;
 * 3. the sync worker delivers it to V7 (counted once on V7's own list) and the application
 *    shows 已同步V7;
 * 4. V7 reports the customer's signing by webhook (triggered on the simulator's operator
 *    console, as a demo does) and the household's portrait shows 已签约.
 *
 * The household is filed through the API (the capture E2E covers the form) with facts chosen
 * so that the model asks for two levels: V7's provincial warning `medium` makes it a review
 * (credit-model-sunshine-v1.md §4: review → 2 levels). The expected figures below are worked
 * out by hand from the spec, not by the engine.
 *
 * Needs an H5 build with the credit and portrait subpackages (H5_DIST_DIR).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@sunshine/shared';
import { startTestStack, type TestStack } from '../support/testStack';
import { ARTIFACTS, assertBrowserAndBuild, launchPhone, type PhoneBrowser } from './h5Browser';

let stack: TestStack;
const phones: PhoneBrowser[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  assertBrowserAndBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startTestStack({ v7: true });
}, 180_000);

afterAll(async () => {
  for (const p of phones) await p.close().catch(() => undefined);
  await stack?.stop();
});

async function phoneFor(username: string): Promise<Page> {
  const phone = await launchPhone();
  phones.push(phone);
  const page = await phone.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${stack.baseUrl}/`);
  await page.locator('#login-username input').fill(username);
  await page.locator('#login-password input').fill('Demo@2026');
  await page.locator('#login-submit').click();
  await page.locator('#home-name').waitFor();
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const texts = async (page: Page, selector: string) => (await page.locator(selector).allInnerTexts()).map(squash);

/** 我的客户 → search the household number → 画像 (hidden pages stay in the stack: use the visible ones). */
async function openPortrait(page: Page, householdNo: string) {
  await page.goto(`${stack.baseUrl}/#/pages/home/index`);
  await page.locator('.entry-list__item--ready', { hasText: '我的客户' }).click();
  const search = page.locator('.households__search input:visible');
  await search.fill(householdNo);
  await search.press('Enter');
  const row = page.locator('.household-item:visible', { hasText: householdNo });
  await row.waitFor();
  await row.locator('.household-portrait').click();
  await page.locator('#portrait-head:visible', { hasText: householdNo }).waitFor();
}

/** An approver opens their queue from home, the application from it, and approves it with a comment. */
async function approveFromQueue(page: Page, entry: string, householdNo: string, comment: string) {
  await page.locator('.entry-list__item--ready', { hasText: entry }).click();
  await page.locator('#credit-queue-total').waitFor();
  await page.locator('.credit-queue-item', { hasText: householdNo }).click();
  await page.locator('#credit-app-decide').waitFor();
  await page.locator('#credit-app-comment textarea').fill(comment);
  await page.locator('#credit-app-approve').click();
}

it('m.01.01 evaluates and submits, bp.01 and hq.credit approve, V7 syncs it once, then signing shows 已签约', async () => {
  const { api, db } = stack.app;
  const v7 = stack.v7!;
  const manager = await api.login('m.01.01', 'Demo@2026');

  // ---- The household: a 44-year-old graduate, married, net income 150,000, assets 700,000. ----
  const village = (await db.models.Household.findOne({ managerId: manager.user.id }).lean())!.villageCode;
  const first17 = `32128319820410${String(100 + Math.floor(Math.random() * 800))}`;
  const idNumber = first17 + idCheckChar(first17);
  const filed = await api.post(
    '/api/v1/households',
    {
      clientId: randomUUID(),
      villageCode: village,
      address: `泰兴市授信测试${Date.now() % 100000}号`,
      members: [
        {
          relation: 'head',
          name: '周志强',
          idNumber,
          phone: '13962220410',
          education: 'bachelor_or_above',
          maritalStatus: 'married',
          occupation: '家庭农场主',
        },
      ],
      finance: { annualIncome: 210000, netIncome: 150000, annualSpending: 60000, mainBusiness: '稻麦种植' },
      assets: {
        houses: [{ kind: 'main', structure: '砖混', rooms: 6, appraisedValue: 500000 }],
        vehicles: [{ kind: '小型货车', count: 1, value: 80000 }],
        machinery: [],
        livestock: [{ kind: '生猪', count: 100, value: 100000 }],
        depositsElsewhere: 20000,
        otherAssets: 0,
      },
      debts: [{ lender: '泰兴农商行', kind: 'bank_loan', balance: 50000 }],
      softInfo: { flags: ['village_recommended'], notes: '' },
    },
    manager.accessToken,
  );
  expect(filed.status).toBe(201);
  const householdId = filed.body.id as string;
  const householdNo = filed.body.householdNo as string;
  // V7's answer for this person, set on the simulator's console: a medium provincial warning.
  const clean = { dishonestDebtor: false, enforcement: false, frozenAssets: false };
  expect((await v7.admin('PUT', `/admin/checks/${idNumber}`, { riskWarning: 'medium', judicial: clean })).status).toBe(200);

  // ---- 1. The manager evaluates from the portrait and submits. ----
  const m = await phoneFor('m.01.01');
  await openPortrait(m, householdNo);
  await m.locator('#portrait-evaluate:visible').click();
  await m.locator('#credit-decision').waitFor();
  expect(squash(await m.locator('#credit-decision').innerText())).toContain('需人工审核');
  // Education 18 + married 12 + age 36-50 12 + net assets 650,000 20 + income 150,000 16 + no deposits here 0.
  expect(squash(await m.locator('#credit-score').innerText())).toContain('评分 78 · 评级 AA');
  expect(await texts(m, '.credit-reason')).toEqual([expect.stringMatching(/^省联社风险预警等级为中，需人工审核 ?需人工审核$/)]);
  expect(await texts(m, '.credit-factor')).toEqual([
    '学历 18分',
    '婚姻状况 12分',
    '年龄 12分',
    '净资产 20分',
    '家庭年净收入 16分',
    '综合贡献 0分',
  ]);
  // AA 80,000 + 10 % of 700,000 + 30 % of 150,000 = 195,000, under the 200,000 cap, no credit loans.
  expect(await texts(m, '.credit-breakdown-row')).toEqual([
    '评级基础额度 80,000元',
    '资产项(总资产×10%) 70,000元',
    '收入项(年收入×30%) 45,000元',
    '测算额度 195,000元',
    '信用额度上限 200,000元',
    '扣减已有信用贷款 -0元',
    '预授信额度 195,000元',
  ]);
  expect(squash(await m.locator('#credit-limit').innerText())).toBe('预授信额度 195,000元');
  const submit = m.locator('#credit-submit');
  expect(squash(await submit.innerText())).toContain('需支行、总行两级审批');
  await shot(m, 'credit-01-evaluation');
  await submit.click();
  await m
    .locator('#credit-app-status', { hasText: '待支行行长审批' })
    .waitFor()
    .catch(async (err: Error) => {
      await shot(m, 'credit-02-submit-failed');
      const shown = await m.locator('#credit-error, #credit-app-error, .credit-app__error').allInnerTexts();
      throw new Error(`${err.message}; the page shows: ${shown.join(' | ')} at ${m.url()}`);
    });
  const applicationId = new URL(m.url().replace('#', '')).searchParams.get('id')!;
  expect(applicationId).toMatch(/^[0-9a-f]{24}$/);
  expect(squash(await m.locator('#credit-app-limit').innerText())).toBe('195,000元');
  // The submitter is no approver of their own application.
  expect(await m.locator('#credit-app-decide').count()).toBe(0);
  await shot(m, 'credit-02-submitted');

  // ---- 2. Level 1: the branch president; level 2: head-office credit. ----
  const bp = await phoneFor('bp.01');
  await approveFromQueue(bp, '待审批', householdNo, '经营稳定,风险预警已核实,同意');
  await bp.locator('#credit-app-status', { hasText: '待总行授信审批' }).waitFor();
  expect(await texts(bp, '.credit-app-step')).toEqual([expect.stringContaining('支行 ·')]);
  expect((await texts(bp, '.credit-app-step'))[0]).toContain('经营稳定,风险预警已核实,同意');
  await shot(bp, 'credit-03-level1');
  await phones.pop()!.close(); // three Chromiums at once are a lot for a 2-core CI runner

  const hq = await phoneFor('hq.credit');
  await approveFromQueue(hq, '授信审批', householdNo, '同意预授信195000元');
  await hq.locator('#credit-app-status', { hasText: '已审批通过' }).waitFor();
  const trail = await texts(hq, '.credit-app-step');
  expect(trail).toHaveLength(2);
  expect(trail[1]).toContain('总行 ·');
  expect(trail[1]).toContain('同意预授信195000元');

  // ---- 3. The worker delivers it; the application shows 已同步V7. ----
  // The worker runs on its own: wait on the API, then see it in the UI.
  const deadline = Date.now() + 30_000;
  while ((await api.get(`/api/v1/credit/applications/${applicationId}`, manager.accessToken)).body.sync?.state !== 'synced') {
    if (Date.now() > deadline) throw new Error('the application was not synced to V7 in 30 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  await hq.reload();
  await hq.locator('#credit-app-sync', { hasText: '已同步V7' }).waitFor();
  await shot(hq, 'credit-04-synced');
  await m.reload();
  await m.locator('#credit-app-sync', { hasText: '已同步V7' }).waitFor();
  expect(squash(await m.locator('#credit-app-status').innerText())).toBe('已审批通过');

  // Counted on V7's side: applied once, with the limit and the whole trail.
  const applied = (await v7.admin<Array<{ applicationId: string; limit: number }>>('GET', '/admin/precredits')).body;
  expect(applied.filter((p) => p.applicationId === applicationId)).toEqual([expect.objectContaining({ limit: 195_000 })]);
  const received = await v7.admin<{ payload: { fileId: string; approvalTrail: Array<{ step: string; comment?: string }> } }>(
    'GET',
    `/admin/precredits/${applicationId}`,
  );
  expect(received.body.payload.fileId).toBe(householdId);
  expect(received.body.payload.approvalTrail.map((s) => s.step)).toEqual(['submitted', 'level1', 'level2']);
  expect(received.body.payload.approvalTrail[2]!.comment).toBe('同意预授信195000元');

  // ---- 4. The customer signs at V7; its webhook reaches the BFF; the portrait shows 已签约. ----
  expect((await v7.admin('POST', `/admin/precredits/${applicationId}/sign`, { signedLimit: 150_000 })).status).toBe(201);
  const signedBy = Date.now() + 30_000;
  for (;;) {
    const c = (await api.get(`/api/v1/households/${householdId}/portrait`, manager.accessToken)).body.creditStatus;
    if (c?.state === 'signed') {
      expect(c).toMatchObject({ limit: 195_000, signedLimit: 150_000, usedAmount: 0 });
      break;
    }
    if (Date.now() > signedBy) throw new Error(`the signing webhook was not applied in 30 s: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await openPortrait(m, householdNo);
  await m.locator('#portrait-credit:visible', { hasText: '已签约' }).waitFor();
  await shot(m, 'credit-05-signed');

  expect(pageErrors).toEqual([]);
});

import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { FUNNEL_STAGES, type FunnelFigures, type FunnelReport } from '@sunshine/shared';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildBranch, buildHouseholdFile, buildIdNumber, buildUser, buildVillage, TEST_PASSWORD } from '../../testing/factories';
import { buildCreditHousehold, warmV7Checks } from '../../testing/creditFactories';
import { buildFunnelMark } from '../../testing/funnelFactories';
import { emptyFigures } from '../../funnel/funnelMarkDocs';
import { chinaDay } from '../../stats/chinaCalendar';
import { FIGURE_COLUMNS, FUNNEL_SHEETS } from '../../funnel/funnelWorkbook';

const VILLAGE_A = '321283100011'; // branch 01, manager m1
const VILLAGE_B = '321283100012'; // branch 02, manager m2
const NOVEMBER_2025 = 'from=2025-11-01&to=2025-11-30';

describe('GET /reports/funnel and /reports/funnel.xlsx', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: Types.ObjectId;
  let m2: Types.ObjectId;

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    await buildBranch(m, { _id: '01', name: '济川支行' });
    await buildBranch(m, { _id: '02', name: '延令支行' });
    m1 = (await buildUser(m, { username: 'fr.m1', role: 'manager', branchId: '01', name: '王经理' }))._id;
    m2 = (await buildUser(m, { username: 'fr.m2', role: 'manager', branchId: '02', name: '赵经理' }))._id;
    await buildUser(m, { username: 'fr.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(m, { username: 'fr.hq', role: 'hq_marketing', branchId: null });
    await buildUser(m, { username: 'fr.admin', role: 'admin', branchId: null });
    await buildVillage(m, { code: VILLAGE_A, name: '甲村', branchId: '01', managerId: m1 });
    await buildVillage(m, { code: VILLAGE_B, name: '乙村', branchId: '02', managerId: m2 });
    for (const u of ['fr.m1', 'fr.m2', 'fr.bp1', 'fr.hq', 'fr.admin']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;

    // Marks as the hooks write them (pending): November 2025 plus one day on each side.
    const a = { branchId: '01', villageCode: VILLAGE_A, managerId: m1 };
    const b = { branchId: '02', villageCode: VILLAGE_B, managerId: m2 };
    for (let i = 0; i < 3; i++) await buildFunnelMark(m, { ...a, kind: 'visited', chinaTime: '2025-11-05T10:00:00+08:00' });
    for (let i = 0; i < 2; i++) await buildFunnelMark(m, { ...a, kind: 'filed', chinaTime: '2025-11-06T10:00:00+08:00' });
    await buildFunnelMark(m, { ...a, kind: 'approved', amount: 90_000, chinaTime: '2025-11-20T10:00:00+08:00' });
    await buildFunnelMark(m, { ...a, kind: 'visited', chinaTime: '2025-10-31T23:30:00+08:00' });
    for (let i = 0; i < 2; i++) await buildFunnelMark(m, { ...b, kind: 'visited', chinaTime: '2025-11-10T10:00:00+08:00' });
    await buildFunnelMark(m, { ...b, kind: 'drawdown', subject: 'app:dd', amount: 12_345.67, chinaTime: '2025-11-30T23:59:00+08:00' });
    await buildFunnelMark(m, { ...b, kind: 'signed', amount: 50_000, chinaTime: '2025-12-01T00:00:00+08:00' });
  });
  afterAll(() => t.stop());

  const report = (query: string, who: string) => t.api.get<FunnelReport>(`/api/v1/reports/funnel?${query}`, tok[who]);
  const figures = (over: Partial<FunnelFigures>): FunnelFigures => ({ ...emptyFigures(), ...over });

  it.each(['/api/v1/reports/funnel', '/api/v1/reports/funnel.xlsx'])('%s requires a token, and refuses managers', async (path) => {
    const anonymous = await t.api.get(path);
    expect([anonymous.status, anonymous.body.error.id]).toEqual([401, 'auth.unauthenticated']);
    const manager = await t.api.get(path, tok['fr.m1']);
    expect([manager.status, manager.body.error.id]).toEqual([403, 'auth.forbidden']);
  });

  it('gives a branch president their branch only, by village and manager', async () => {
    const res = await report(NOVEMBER_2025, 'fr.bp1');
    expect(res.status).toBe(200);
    const branch01 = figures({ visited: 3, filed: 2, approved: 1, approvedLimit: 90_000 });
    expect(res.body).toMatchObject({
      from: '2025-11-01',
      to: '2025-11-30',
      scope: { level: 'branch', branchId: '01', branchName: '济川支行' },
      totals: branch01,
      byBranch: [{ branchId: '01', name: '济川支行', figures: branch01 }],
      byVillage: [{ branchId: '01', villageCode: VILLAGE_A, name: '甲村', townName: '黄桥镇', figures: branch01 }],
      byManager: [{ branchId: '01', managerId: String(m1), name: '王经理', figures: branch01 }],
    });
    // The marks were pending: the read counted them first.
    expect(await t.db.models.FunnelMark.countDocuments({ rolledUp: false })).toBe(0);
    expect((await report(`${NOVEMBER_2025}&branchId=01`, 'fr.bp1')).body.totals).toEqual(branch01);
    const other = await t.api.get(`/api/v1/reports/funnel?${NOVEMBER_2025}&branchId=02`, tok['fr.bp1']);
    expect([other.status, other.body.error.id]).toEqual([403, 'auth.forbidden']);
  });

  it('gives head office every branch, or the one it names', async () => {
    const all = await report(NOVEMBER_2025, 'fr.hq');
    expect(all.body.scope).toEqual({ level: 'all', branchId: null, branchName: null });
    expect(all.body.totals).toEqual(figures({ visited: 5, filed: 2, approved: 1, approvedLimit: 90_000, drawnAmount: 12_345.67 }));
    expect(all.body.byBranch.map((r) => [r.branchId, r.figures.visited])).toEqual([
      ['01', 3],
      ['02', 2],
    ]);
    expect(all.body.byManager.map((r) => r.name)).toEqual(['王经理', '赵经理']);
    const only02 = await report(`${NOVEMBER_2025}&branchId=02`, 'fr.admin');
    expect(only02.body.byBranch.map((r) => r.branchId)).toEqual(['02']);
    expect(only02.body.totals).toEqual(figures({ visited: 2, drawnAmount: 12_345.67 }));
  });

  it('cuts the period on China-time days, both ends inclusive', async () => {
    const wide = await report('from=2025-10-31&to=2025-12-01', 'fr.hq');
    expect(wide.body.totals).toEqual(
      figures({ visited: 6, filed: 2, approved: 1, signed: 1, approvedLimit: 90_000, signedLimit: 50_000, drawnAmount: 12_345.67 }),
    );
    const lastDay = await report('from=2025-11-30&to=2025-11-30', 'fr.hq');
    expect(lastDay.body.totals).toEqual(figures({ drawnAmount: 12_345.67 }));
  });

  it.each([
    ['from=2025-13-01', 'from'],
    ['from=2025-02-29&to=2025-03-01', 'from'],
    ['from=2025-11-30&to=2025-11-01', 'to'],
    ['from=2024-01-01&to=2025-06-30', 'to'],
    ['to=2025-11-31', 'to'],
    ['branchId=1', 'branchId'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    for (const path of ['/api/v1/reports/funnel', '/api/v1/reports/funnel.xlsx']) {
      const res = await t.api.get(`${path}?${query}`, tok['fr.hq']);
      expect([res.status, res.body.error.id, res.body.error.field]).toEqual([400, 'request.invalid', field]);
    }
  });

  it('exports a workbook whose numbers are the JSON report’s', async () => {
    const json = (await report('from=2025-10-31&to=2025-12-01', 'fr.hq')).body;
    const res = await fetch(`${t.baseUrl}/api/v1/reports/funnel.xlsx?from=2025-10-31&to=2025-12-01`, {
      headers: { Authorization: `Bearer ${tok['fr.hq']}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain(
      "filename*=UTF-8''营销漏斗_全行_2025-10-31_2025-12-01.xlsx",
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(FUNNEL_SHEETS));

    /** The data rows of a sheet after its header row: key cells, then the figures as numbers. */
    const table = (sheet: string, keyCount: number) => {
      const ws = wb.getWorksheet(sheet)!;
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const header = rows.findIndex((r) => r[keyCount] === FIGURE_COLUMNS[0]!.header);
      expect(rows[header]!.slice(keyCount)).toEqual(FIGURE_COLUMNS.map((c) => c.header));
      return rows.slice(header + 1).map((r) => ({
        keys: r.slice(0, keyCount),
        figures: Object.fromEntries(FIGURE_COLUMNS.map((c, i) => [c.key, r[keyCount + i]])),
      }));
    };
    expect(table(FUNNEL_SHEETS.summary, 1)).toEqual([{ keys: ['全行'], figures: json.totals }]);
    expect(table(FUNNEL_SHEETS.branches, 2)).toEqual(json.byBranch.map((r) => ({ keys: [r.branchId, r.name], figures: r.figures })));
    expect(table(FUNNEL_SHEETS.villages, 4)).toEqual(
      json.byVillage.map((r) => ({ keys: [r.branchId, r.townName ?? '', r.villageCode, r.name], figures: r.figures })),
    );
    expect(table(FUNNEL_SHEETS.managers, 2)).toEqual(json.byManager.map((r) => ({ keys: [r.branchId, r.name], figures: r.figures })));
    // Money is numeric with two decimals, so the bank can sum it.
    const moneyCell = wb
      .getWorksheet(FUNNEL_SHEETS.summary)!
      .getRow(7)
      .getCell(1 + FUNNEL_STAGES.length + 2); // 范围, the stages, 审批额度, 签约额度
    expect([moneyCell.value, moneyCell.numFmt]).toEqual([50_000, '#,##0.00']);
  });

  it('a branch president’s export is their branch only', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/reports/funnel.xlsx?${NOVEMBER_2025}`, {
      headers: { Authorization: `Bearer ${tok['fr.bp1']}` },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const branchIds: unknown[] = [];
    wb.getWorksheet(FUNNEL_SHEETS.branches)!.eachRow((row, n) => n > 1 && branchIds.push(row.getCell(1).value));
    expect(branchIds).toEqual(['01']);
  });

  it('counts what the business commands do: filing, a visit, an evaluation and a final approval', async () => {
    const m = t.db.models;
    const file = await t.api.post(
      '/api/v1/households',
      {
        ...buildHouseholdFile({
          villageCode: VILLAGE_A,
          members: [
            {
              relation: 'head',
              name: '孙志强',
              idNumber: buildIdNumber('1975-04-02', 711),
              phone: '13961230001',
              education: 'senior_high',
              maritalStatus: 'married',
              occupation: '养殖户',
            },
          ],
        }),
        clientId: randomUUID(),
      },
      tok['fr.m1'],
    );
    expect(file.status).toBe(201);
    const visit = await t.api.post(
      '/api/v1/visits',
      {
        clientId: randomUUID(),
        householdId: file.body.id,
        location: { lat: 32.25, lng: 120.23, accuracy: 30, at: new Date().toISOString() },
        notes: '介绍阳光信贷',
        products: ['sunshine_credit'],
        creditNeed: null,
        outcome: 'interested',
        nextFollowUp: null,
      },
      tok['fr.m1'],
    );
    expect(visit.status).toBe(201);

    const h = await buildCreditHousehold(m, t.crypto, { managerId: m1, branchId: '01' });
    await m.Household.updateOne({ _id: h.household._id }, { $set: { villageCode: VILLAGE_A } });
    await warmV7Checks(t, h.idIndex);
    const ev = await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['fr.m1']);
    const app = await t.api.post('/api/v1/credit/applications', { evaluationId: ev.body.id }, tok['fr.m1']);
    const approved = await t.api.post(`/api/v1/credit/applications/${app.body.id}/approve`, { comment: '同意' }, tok['fr.bp1']);
    expect([ev.status, app.status, approved.body.status]).toEqual([201, 201, 'approved']);

    const today = chinaDay(new Date());
    const res = await report(`from=${today}&to=${today}`, 'fr.bp1');
    expect(res.body.totals).toEqual(figures({ visited: 1, filed: 1, evaluated: 1, approved: 1, approvedLimit: approved.body.limit }));
    expect(res.body.byVillage.map((r) => r.villageCode)).toEqual([VILLAGE_A]);
    expect(res.body.byManager.map((r) => r.name)).toEqual(['王经理']);
    expect((await m.FunnelMark.find({ day: today }).lean()).map((mk) => mk._id).sort()).toEqual(
      [`approved:${h.id}`, `evaluated:${h.id}`, `filed:${file.body.id}`, `visited:${file.body.id}`].sort(),
    );

    // A second evaluation of the same household is no second evaluated household.
    await t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['fr.m1']);
    expect((await report(`from=${today}&to=${today}`, 'fr.hq')).body.totals.evaluated).toBe(1);
  });
});

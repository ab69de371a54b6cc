import { randomUUID } from 'node:crypto';
import type { FunnelReport } from '@sunshine/shared';
import { buildUser, TEST_PASSWORD } from '../testing/factories';
import { buildCreditHousehold, warmV7Checks } from '../testing/creditFactories';
import { startSyncStack, waitFor, type SyncStack } from '../testing/v7SyncFactories';
import type { FunnelMarkDoc } from '../models/FunnelMark';
import { chinaDay } from '../stats/chinaCalendar';
import { emptyFigures } from './funnelMarkDocs';
import { funnelOnHouseholdFiled } from './funnelHooks';
import { settleFunnelMarks } from './funnelMarks';
import { backfillFunnel } from './funnelBackfill';

/**
 * The whole funnel against the real BFF, mock-v7 (its sync worker and signed webhooks),
 * FerretDB and Redis: each stage's hook marks it, and a backfill from the business
 * collections alone rebuilds exactly the same marks and rollups.
 */
describe('funnel: from a visit to a drawdown', () => {
  let s: SyncStack;
  const tok: Record<string, string> = {};

  beforeAll(async () => {
    s = await startSyncStack();
    const { models } = s.t.db;
    await buildUser(models, { username: 'ff.m1', role: 'manager', branchId: '01' });
    await buildUser(models, { username: 'ff.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(models, { username: 'ff.hq', role: 'hq_marketing', branchId: null });
    for (const u of ['ff.m1', 'ff.bp1', 'ff.hq']) tok[u] = (await s.t.api.login(u, TEST_PASSWORD)).accessToken;
    s.startWorker();
  });
  afterAll(() => s?.stop());

  const comparable = (marks: FunnelMarkDoc[]) =>
    marks
      .map(({ createdAt: _c, rolledUp: _r, ...m }) => ({ ...m, householdId: String(m.householdId) }))
      .sort((a, b) => a._id.localeCompare(b._id));

  it('marks every stage once, reports it, and a backfill from the sources gives the same marks and rollups', async () => {
    const { models } = s.t.db;
    const m1 = (await models.User.findOne({ username: 'ff.m1' }).lean())!;
    const h = await buildCreditHousehold(models, s.t.crypto, { managerId: m1._id, branchId: '01' });
    // The factory inserts the household as the filing command does; mark it as that command would.
    funnelOnHouseholdFiled({ models }, h.household.toObject());
    const visit = {
      clientId: randomUUID(),
      householdId: h.id,
      location: { lat: 32.25, lng: 120.23, accuracy: 30, at: new Date().toISOString() },
      notes: '',
      products: ['sunshine_credit'],
      creditNeed: null,
      outcome: 'interested',
      nextFollowUp: null,
    };
    expect((await s.t.api.post('/api/v1/visits', visit, tok['ff.m1'])).status).toBe(201);
    expect((await s.t.api.post('/api/v1/visits', { ...visit, clientId: randomUUID() }, tok['ff.m1'])).status).toBe(201);
    await warmV7Checks(s.t, h.idIndex);
    const ev = await s.t.api.post('/api/v1/credit/evaluations', { householdId: h.id }, tok['ff.m1']);
    const app = await s.t.api.post('/api/v1/credit/applications', { evaluationId: ev.body.id }, tok['ff.m1']);
    const id = app.body.id as string;
    expect((await s.t.api.post(`/api/v1/credit/applications/${id}/approve`, { comment: '同意' }, tok['ff.bp1'])).body.status).toBe(
      'approved',
    );
    await waitFor(
      'synced',
      () => models.CreditApplication.findById(id).lean(),
      (a) => a?.sync?.state === 'synced',
    );

    expect((await s.admin('POST', `/admin/precredits/${id}/sign`, { signedLimit: 80_000 })).status).toBe(201);
    expect((await s.admin('POST', `/admin/precredits/${id}/drawdowns`, { amount: 10_000 })).status).toBe(201);
    expect((await s.admin('POST', `/admin/precredits/${id}/drawdowns`, { amount: 5_000.5 })).status).toBe(201);
    await waitFor(
      'the V7 marks',
      async () => {
        await settleFunnelMarks(models);
        return models.FunnelMark.countDocuments({});
      },
      (n) => n === 9,
    );

    const today = chinaDay(new Date());
    const res = await s.t.api.get<FunnelReport>(`/api/v1/reports/funnel?from=${today}&to=${today}`, tok['ff.hq']);
    expect(res.body.totals).toEqual({
      ...emptyFigures(),
      visited: 1,
      filed: 1,
      evaluated: 1,
      approved: 1,
      synced: 1,
      signed: 1,
      used: 1,
      approvedLimit: 90_000,
      signedLimit: 80_000,
      drawnAmount: 15_000.5,
    });

    const live = comparable(await models.FunnelMark.find({}).lean<FunnelMarkDoc[]>());
    const liveRollups = await models.FunnelRollup.find({}, { computedAt: 0 }).lean();
    await models.FunnelMark.deleteMany({});
    await models.FunnelRollup.deleteMany({});
    expect(await backfillFunnel({ models })).toEqual({ derived: 9, inserted: 9, moved: 0, unattributed: 0, rollups: 1 });
    expect(comparable(await models.FunnelMark.find({}).lean<FunnelMarkDoc[]>())).toEqual(live);
    expect(await models.FunnelRollup.find({}, { computedAt: 0 }).lean()).toEqual(liveRollups);

    // A mark later than its source (written by a hook after an offline visit was made) moves back to it.
    const visited = live.find((mk) => mk.kind === 'visited')!;
    await models.FunnelMark.updateOne({ _id: visited._id }, { $set: { at: new Date(visited.at.getTime() + 3_600_000) } });
    expect(await backfillFunnel({ models })).toMatchObject({ inserted: 0, moved: 1 });
    expect((await models.FunnelMark.findById(visited._id).lean())!.at).toEqual(visited.at);
    expect(await backfillFunnel({ models })).toMatchObject({ inserted: 0, moved: 0 });
  });
});

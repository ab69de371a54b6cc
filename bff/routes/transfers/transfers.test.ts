import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, buildVillage, TEST_PASSWORD } from '../../testing/factories';

describe('POST /managers/{id}/transfer', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const u: Record<string, any> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    for (const [name, role, branchId] of [
      ['x.admin', 'admin', null],
      ['x.bp1', 'branch_president', '01'],
      ['x.bp2', 'branch_president', '02'],
      ['x.m1', 'manager', '01'],
      ['x.m2', 'manager', '01'],
      ['x.m3', 'manager', '01'],
      ['x.m4', 'manager', '01'],
      ['x.m5', 'manager', '01'],
      ['x.other', 'manager', '02'],
    ] as const) {
      u[name] = await buildUser(m, { username: name, role, branchId });
      tok[name] = (await t.api.login(name, TEST_PASSWORD)).accessToken;
    }
  });
  afterAll(() => t.stop());

  const transfer = (from: string, body: unknown, who?: string) =>
    t.api.post(`/api/v1/managers/${u[from]._id}/transfer`, body, who ? tok[who] : undefined);
  const to = (name: string, extra: Record<string, unknown> = {}) => ({ toManagerId: String(u[name]._id), reason: '调岗离职', ...extra });

  /** A manager's book: two villages, three households, a visit on one of them. */
  async function book(manager: string, codes: [string, string]) {
    const m = t.db.models;
    for (const code of codes) await buildVillage(m, { code, branchId: '01', managerId: u[manager]._id });
    const hs = [];
    for (const code of [codes[0], codes[0], codes[1]])
      hs.push(await buildHousehold(m, t.crypto, { managerId: u[manager]._id, villageCode: code }));
    const visit = await t.api.post(
      '/api/v1/visits',
      {
        clientId: randomUUID(),
        householdId: String(hs[0]!._id),
        location: { lat: 32.25, lng: 120.23, accuracy: 30, at: '2026-11-28T10:00:00+08:00' },
        outcome: 'interested',
      },
      tok[manager],
    );
    expect(visit.status).toBe(201);
    return { households: hs.map((h) => h._id), visitId: visit.body.id as string };
  }

  it('requires authentication', async () => {
    expect((await transfer('x.m1', to('x.m2'))).status).toBe(401);
  });

  it('is refused to managers (403)', async () => {
    expect((await transfer('x.m1', to('x.m2'), 'x.m2')).status).toBe(403);
  });

  it('is 404 for another branch’s president, the same as an unknown manager', async () => {
    const res = await transfer('x.m1', to('x.m2'), 'x.bp2');
    const unknown = await t.api.post('/api/v1/managers/0123456789abcdef01234567/transfer', to('x.m2'), tok['x.bp2']);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(unknown.body);
    expect(await t.db.models.ManagerTransfer.countDocuments()).toBe(0);
  });

  it.each([
    ['a manager of another branch', () => to('x.other')],
    ['the leaving manager themself', () => to('x.m1')],
    ['a president', () => to('x.bp1')],
  ])('refuses %s as successor with 400 naming toManagerId', async (_label, body) => {
    const res = await transfer('x.m1', body(), 'x.admin');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('toManagerId');
  });

  it('moves grid, households and visits in one audited action; the leaver is deactivated and logged out', async () => {
    const { households, visitId } = await book('x.m1', ['321283100011', '321283100012']);
    // The successor's portrait view of a household is served from cache afterwards: fill it first.
    expect((await t.api.get(`/api/v1/households/${households[0]}/portrait`, tok['x.m1'])).status).toBe(200);

    const res = await transfer('x.m1', to('x.m2'), 'x.bp1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      fromManagerId: String(u['x.m1']._id),
      toManagerId: String(u['x.m2']._id),
      status: 'completed',
      moved: { grids: 2, households: 3, visits: 1 },
      deactivated: true,
    });
    const m = t.db.models;
    expect(await m.Grid.countDocuments({ managerId: u['x.m1']._id })).toBe(0);
    expect(await m.Grid.countDocuments({ managerId: u['x.m2']._id })).toBe(2);
    expect(await m.Household.countDocuments({ managerId: u['x.m2']._id })).toBe(3);
    const visit = await m.Visit.findById(visitId).lean();
    expect(String(visit!.managerId)).toBe(String(u['x.m2']._id));
    expect(String(visit!.recordedBy)).toBe(String(u['x.m1']._id)); // evidence stays
    expect((await m.User.findById(u['x.m1']._id).lean())!.active).toBe(false);
    expect((await t.api.get('/api/v1/me', tok['x.m1'])).status).toBe(401);

    // Scope follows at once, cached portrait or not.
    const tokM2 = (await t.api.login('x.m2', TEST_PASSWORD)).accessToken;
    expect((await t.api.get(`/api/v1/households/${households[0]}/portrait`, tokM2)).status).toBe(200);
    expect((await t.api.get(`/api/v1/households/${households[0]}`, tokM2)).status).toBe(200);

    const audit = await m.AuditEvent.find({ event: 'manager.transfer' }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'x.bp1', outcome: 'success' });
    expect((audit[0]!.details as any).moved).toMatchObject({ grids: 2, households: 3, visits: 1 });
  });

  it('a re-run is a no-op; a different successor afterwards is a conflict', async () => {
    const again = await transfer('x.m1', to('x.m2'), 'x.admin');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'completed', moved: { grids: 2, households: 3, visits: 1 }, attempts: 2 });
    expect(await t.db.models.Household.countDocuments({ managerId: u['x.m2']._id })).toBe(3);
    const other = await transfer('x.m1', to('x.m3'), 'x.admin');
    expect(other.status).toBe(409);
    expect(other.body.error.field).toBe('toManagerId');
    expect(await t.db.models.ManagerTransfer.countDocuments()).toBe(1);
  });

  it('finishes a half-done transfer', async () => {
    const { households } = await book('x.m4', ['321283100021', '321283100022']);
    const m = t.db.models;
    // A run that died after the grid step and one household: the claim and its progress exist.
    await m.ManagerTransfer.create({
      _id: String(u['x.m4']._id),
      branchId: '01',
      toManagerId: u['x.m5']._id,
      reason: '调岗离职',
      requestedBy: String(u['x.admin']._id),
      status: 'running',
      householdIds: households,
      moved: { grids: 2, households: 1 },
      stepsDone: ['grids'],
      deactivate: false,
      startedAt: new Date('2026-12-01T08:00:00Z'),
    });
    await m.Grid.updateMany({ managerId: u['x.m4']._id }, { $set: { managerId: u['x.m5']._id } });
    await m.Household.updateOne({ _id: households[0] }, { $set: { managerId: u['x.m5']._id } });

    const res = await transfer('x.m4', to('x.m5', { deactivate: true }), 'x.admin');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', moved: { grids: 2, households: 3, visits: 1 }, deactivated: false });
    expect(await m.Household.countDocuments({ managerId: u['x.m4']._id })).toBe(0);
    expect(await m.Visit.countDocuments({ managerId: u['x.m4']._id })).toBe(0);
    // The original request said not to deactivate; resuming keeps to it.
    expect((await m.User.findById(u['x.m4']._id).lean())!.active).toBe(true);
  });
});

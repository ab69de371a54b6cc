import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHouseholdFile, buildUniqueHouseholdFile, buildUser, buildVillage, TEST_PASSWORD } from '../../testing/factories';

// Edits (versions, idempotent replays, masked values, caches) are in householdEdit.test.ts.
describe('household files: create', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let village: string;

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    const mgr = await buildUser(m, { username: 'f.m1', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 'f.m2', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 'f.m3', role: 'manager', branchId: '02' });
    await buildUser(m, { username: 'f.bp', role: 'branch_president', branchId: '01' });
    village = await buildVillage(m, { code: '321283100001', branchId: '01', managerId: mgr._id });
    await buildVillage(m, { code: '321283100002', branchId: '02', managerId: mgr._id });
    for (const u of ['f.m1', 'f.m2', 'f.m3', 'f.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const create = (body: unknown, who = 'f.m1') => t.api.post('/api/v1/households', body, tok[who]);
  let seq = 601; // odd sequence: the head is a man
  const uniqueFile = () => buildUniqueHouseholdFile((seq += 2));

  it('files a household: 201, masked, totals derived by the server', async () => {
    const res = await create({ ...uniqueFile(), clientId: randomUUID() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ headName: '陈**', villageCode: village, memberCount: 2, version: 1 });
    expect(res.body.householdNo).toMatch(/^321283100001\d{5}$/);
    expect(res.body.members[0]).toMatchObject({
      relation: 'head',
      name: '陈**',
      phone: '139****4567',
      gender: 'male',
      birthDate: '1978-03-09',
    });
    expect(res.body.members[0].idNumber).toMatch(/^3212\*{10}\d{3}[\dX]$/);
    const stored = await t.db.models.Household.findById(res.body.id).lean();
    expect(stored!.assets).toMatchObject({ totalAssets: 760000.25, totalDebt: 100000, netAssets: 660000.25 });
    expect(stored!.finance!.perCapitaIncome).toBe(43000.25);
  });

  it('the same submission sent 10 times at once gives 1 household', async () => {
    const body = { ...uniqueFile(), clientId: randomUUID() };
    const results = await Promise.all(Array.from({ length: 10 }, () => create(body)));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201].sort());
    expect(await t.db.models.Household.countDocuments({ _id: [...ids][0] })).toBe(1);
    expect(
      await t.db.models.Household.countDocuments({ 'members.idIndex': t.crypto.blindIndex('id', body.members[0]!.idNumber as string) }),
    ).toBe(1);
  });

  it('the same client id with a different payload → 422 naming clientId', async () => {
    const clientId = randomUUID();
    const file = uniqueFile();
    expect((await create({ ...file, clientId })).status).toBe(201);
    const res = await create({ ...file, address: '别的地址1号', clientId });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ id: 'request.idempotency_mismatch', field: 'clientId' });
  });

  it.each([
    [
      'a bad ID checksum',
      (f: any) => ({
        ...f,
        members: [{ ...f.members[0], idNumber: f.members[0].idNumber.slice(0, 17) + (f.members[0].idNumber[17] === '1' ? '2' : '1') }],
      }),
      'members.0.idNumber',
    ],
    ['no head of household', (f: any) => ({ ...f, members: [{ ...f.members[1] }] }), 'members'],
    ['a negative amount', (f: any) => ({ ...f, finance: { ...f.finance, annualIncome: -1 } }), 'finance.annualIncome'],
    ['three decimals', (f: any) => ({ ...f, debts: [{ lender: 'x', kind: 'private', balance: 1.005 }] }), 'debts.0.balance'],
    ['a phone that is not a mobile', (f: any) => ({ ...f, members: [{ ...f.members[0], phone: '0523-1234567' }] }), 'members.0.phone'],
    ['a village outside Taixing', (f: any) => ({ ...f, villageCode: '110101001001' }), 'villageCode'],
    ['an unknown village', (f: any) => ({ ...f, villageCode: '321283999999' }), 'villageCode'],
    ['a village of another branch', (f: any) => ({ ...f, villageCode: '321283100002' }), 'villageCode'],
    ['no client id', (f: any) => f, 'clientId'],
  ])('refuses %s with 400 naming %s, and writes nothing', async (_label, mutate, field) => {
    const before = await t.db.models.Household.countDocuments();
    const file = uniqueFile();
    const body = mutate(file);
    const res = await create(field === 'clientId' ? body : { ...body, clientId: randomUUID() });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(await t.db.models.Household.countDocuments()).toBe(before);
  });

  it('a person already filed in another household → 409 naming the member', async () => {
    const file = uniqueFile();
    expect((await create({ ...file, clientId: randomUUID() })).status).toBe(201);
    const again = { ...uniqueFile(), clientId: randomUUID() };
    (again.members as any[])[1] = file.members[0];
    (again.members as any[])[1].relation = 'parent';
    const res = await create(again);
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('members.1.idNumber');
  });

  it('only managers file households', async () => {
    const res = await create({ ...uniqueFile(), clientId: randomUUID() }, 'f.bp');
    expect(res.status).toBe(403);
    expect((await t.api.post('/api/v1/households', { ...uniqueFile(), clientId: randomUUID() })).status).toBe(401);
  });

  it('stores no ID number or phone in clear: checked in the PostgreSQL tables under FerretDB', async () => {
    const file = uniqueFile();
    await create({ ...file, clientId: randomUUID() });
    const idNumber = (file.members as any[])[0].idNumber as string;
    const pgUrl = process.env.TEST_FERRETDB_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/ferretdb';
    const schema = t.db.name.toLowerCase();
    const tables = execFileSync('psql', [
      pgUrl,
      '-tAc',
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}'`,
    ])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(tables.length).toBeGreaterThan(3);
    const dump = tables
      .map((tbl) =>
        execFileSync('psql', [pgUrl, '-tAc', `SELECT _jsonb::text FROM "${schema}"."${tbl}"`], { maxBuffer: 64 << 20 }).toString(),
      )
      .join('\n');
    expect(dump).toContain(t.crypto.blindIndex('id', idNumber)); // the household really is in this dump
    expect(dump).not.toContain(idNumber);
    expect(dump).not.toContain('13961234567');
  });
});

describe('audited unmask', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    const mgr = await buildUser(t.db.models, { username: 'u.m1', role: 'manager', branchId: '01' });
    await buildUser(t.db.models, { username: 'u.m2', role: 'manager', branchId: '01' });
    await buildUser(t.db.models, { username: 'u.bp', role: 'branch_president', branchId: '01' });
    await buildVillage(t.db.models, { code: '321283100001', branchId: '01', managerId: mgr._id });
    for (const u of ['u.m1', 'u.m2', 'u.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  it('shows the responsible manager the full value and audits it; others are refused and audited', async () => {
    const file = buildHouseholdFile();
    const made = (await t.api.post('/api/v1/households', { ...file, clientId: randomUUID() }, tok['u.m1'])).body;
    const path = `/api/v1/households/${made.id}/members/${made.members[0].id}/unmask`;
    const ok = await t.api.post(path, { field: 'idNumber', reason: '核实身份' }, tok['u.m1']);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ field: 'idNumber', value: (file.members as any[])[0].idNumber });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const phone = await t.api.post(path, { field: 'phone', reason: '电话回访' }, tok['u.m1']);
    expect(phone.body.value).toBe('13961234567');

    expect((await t.api.post(path, { field: 'idNumber', reason: '好奇' }, tok['u.m2'])).status).toBe(404);
    expect((await t.api.post(path, { field: 'idNumber', reason: '复核' }, tok['u.bp'])).status).toBe(403);
    const missingReason = await t.api.post(path, { field: 'idNumber' }, tok['u.m1']);
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error.field).toBe('reason');

    const events = await t.db.models.AuditEvent.find({ event: 'pii.unmask' }).sort({ at: 1 }).lean();
    expect(events.map((e) => [e.username, e.outcome, (e.details as any).field])).toEqual([
      ['u.m1', 'success', 'idNumber'],
      ['u.m1', 'success', 'phone'],
      ['u.bp', 'failure', 'idNumber'],
    ]);
    expect(JSON.stringify(events)).not.toContain((file.members as any[])[0].idNumber);
  });
});

import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildIdNumber, buildUniqueHouseholdFile, buildUser, buildVillage, TEST_PASSWORD } from '../../testing/factories';
import { loadHouseholdFacts } from '../../visits/householdVisitState';

/**
 * Editing a household file (PUT /households/{id}): the whole file read back masked, saved with
 * the version read, idempotent on the edit's client id, masked values standing for the stored
 * ones, and the caches that copy the file dropped.
 */
describe('household files: edit', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let mgrId: string;
  const VILLAGE = '321283100001';
  const OTHER_VILLAGE = '321283100003';

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    const mgr = await buildUser(m, { username: 'e.m1', role: 'manager', branchId: '01' });
    mgrId = String(mgr._id);
    await buildUser(m, { username: 'e.m2', role: 'manager', branchId: '01' });
    await buildUser(m, { username: 'e.bp', role: 'branch_president', branchId: '01' });
    await buildVillage(m, { code: VILLAGE, branchId: '01', managerId: mgr._id });
    await buildVillage(m, { code: OTHER_VILLAGE, name: '另一村', branchId: '01', managerId: mgr._id });
    for (const u of ['e.m1', 'e.m2', 'e.bp']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  let seq = 701;
  const uniqueFile = () => buildUniqueHouseholdFile((seq += 2));

  /** Files a household and reads it back as the edit form does. */
  async function fileAndRead() {
    const file = uniqueFile();
    const made = await t.api.post('/api/v1/households', { ...file, clientId: randomUUID() }, tok['e.m1']);
    expect(made.status).toBe(201);
    const detail = await t.api.get(`/api/v1/households/${made.body.id}`, tok['e.m1']);
    expect(detail.status).toBe(200);
    return { file, detail: detail.body };
  }

  /** The edit body the form sends back when nothing personal was touched: the masks as shown. */
  function editBody(detail: any, patch: Record<string, unknown> = {}) {
    return {
      villageCode: detail.villageCode,
      address: detail.address,
      members: detail.members.map((m: any) => ({
        id: m.id,
        relation: m.relation,
        name: m.name,
        idNumber: m.idNumber,
        phone: m.phone,
        education: m.education,
        maritalStatus: m.maritalStatus,
        occupation: m.occupation,
      })),
      finance: detail.finance,
      assets: detail.assets,
      debts: detail.debts,
      softInfo: detail.softInfo,
      version: detail.version,
      clientId: randomUUID(),
      ...patch,
    };
  }

  const put = (id: string, body: unknown, who = 'e.m1') => t.api.request('PUT', `/api/v1/households/${id}`, { body, token: tok[who] });
  const revisions = (householdId: string) => t.db.models.HouseholdRevision.countDocuments({ householdId });

  it('GET returns the whole file — money, assets, debts, soft information — with personal data masked', async () => {
    const { file, detail } = await fileAndRead();
    expect(detail.finance).toEqual({ ...file.finance, perCapitaIncome: 43000.25 });
    expect(detail.assets).toMatchObject({
      landArea: 8.5,
      depositsElsewhere: 20000,
      totalAssets: 760000.25,
      totalDebt: 100000,
      netAssets: 660000.25,
      vehicles: [{ kind: '小型货车', count: 1, value: 60000.25 }],
      livestock: [{ kind: '生猪', count: 200, value: 300000 }],
    });
    expect(detail.assets.houses).toEqual([{ kind: 'main', structure: '砖混', rooms: 6, estate: '', area: 0, appraisedValue: 380000 }]);
    expect(detail.debts).toEqual(file.debts);
    expect(detail.softInfo).toEqual({ flags: ['good_neighbour'], notes: '' });
    const text = JSON.stringify(detail);
    for (const m of file.members as any[]) {
      expect(text).not.toContain(m.idNumber);
      expect(text).not.toContain(m.name);
    }
    expect(text).not.toContain('13961234567');
    expect(detail.members[0]).toMatchObject({ name: '陈**', phone: '139****4567' });
  });

  describe('masked values', () => {
    it('sent back unchanged, they keep the stored values: same ciphertexts, same name; the rest is saved', async () => {
      const { file, detail } = await fileAndRead();
      const before = (await t.db.models.Household.findById(detail.id).lean())!;
      const res = await put(detail.id, editBody(detail, { address: '泰兴市黄桥镇测试村5组1号' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, address: '泰兴市黄桥镇测试村5组1号', headName: '陈**' });
      const after = (await t.db.models.Household.findById(detail.id).lean())!;
      expect(after.headName).toBe('陈建华');
      expect(after.members.map((m) => [m.name, m.idCipher, m.idIndex, m.phoneCipher, m.birthDate, m.gender])).toEqual(
        before.members.map((m) => [m.name, m.idCipher, m.idIndex, m.phoneCipher, m.birthDate, m.gender]),
      );
      // Still the real person behind the cipher: the audited unmask shows the original number.
      const shown = await t.api.post(
        `/api/v1/households/${detail.id}/members/${detail.members[0].id}/unmask`,
        { field: 'idNumber', reason: '核对' },
        tok['e.m1'],
      );
      expect(shown.body.value).toBe((file.members as any[])[0].idNumber);
      expect(after.members.every((m) => !m.name.includes('*') && t.crypto.decrypt(m.idCipher).length === 18)).toBe(true);
    });

    it('a value re-entered in full replaces the stored one; others stay', async () => {
      const { detail } = await fileAndRead();
      const body = editBody(detail);
      (body.members as any[])[1].phone = '13700001111';
      (body.members as any[])[0].name = '陈建国';
      const res = await put(detail.id, body);
      expect(res.status).toBe(200);
      expect(res.body.members[1].phone).toBe('137****1111');
      const after = (await t.db.models.Household.findById(detail.id).lean())!;
      expect(after.members[1]!.phoneIndex).toBe(t.crypto.blindIndex('phone', '13700001111'));
      expect(t.crypto.decrypt(after.members[1]!.phoneCipher!)).toBe('13700001111');
      expect(after.members[0]!.name).toBe('陈建国');
      expect(after.headName).toBe('陈建国');
    });

    it.each([
      ['an ID mask that is not this member’s', (b: any) => (b.members[0].idNumber = '3212**********0000'), 'members.0.idNumber', 400],
      ['another member’s ID mask', (b: any) => (b.members[0].idNumber = b.members[1].idNumber), 'members.0.idNumber', 400],
      ['a phone mask where none is stored', (b: any) => (b.members[1].phone = '139****4567'), 'members.1.phone', 400],
      ['a name mask that is not this member’s', (b: any) => (b.members[0].name = '王**'), 'members.0.name', 400],
      ['a mask on a new member', (b: any) => b.members.push({ ...b.members[1], id: undefined, relation: 'child' }), 'members.2.name', 400],
      ['an unknown member id with a mask', (b: any) => (b.members[1].id = 'ffffffffffffffffffffffff'), 'members.1.name', 400],
    ])('refuses %s (400 naming the field) and changes nothing', async (_label, mutate, field, status) => {
      const { detail } = await fileAndRead();
      const before = (await t.db.models.Household.findById(detail.id).lean())!;
      const body = editBody(detail);
      mutate(body);
      const res = await put(detail.id, body);
      expect(res.status).toBe(status);
      expect(res.body.error.field).toBe(field);
      const after = (await t.db.models.Household.findById(detail.id).lean())!;
      expect(after.version).toBe(1);
      expect(after.members).toEqual(before.members);
      expect(await revisions(detail.id)).toBe(0);
    });
  });

  describe('versions', () => {
    it('saves with the version read and bumps it; a stale version is 409 with the current one and changes nothing', async () => {
      const { detail } = await fileAndRead();
      const saved = await put(detail.id, editBody(detail, { address: '泰兴市黄桥镇测试村3组15号' }));
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ version: 2, address: '泰兴市黄桥镇测试村3组15号' });
      expect(saved.body.members.map((m: any) => m.id)).toEqual(detail.members.map((m: any) => m.id));
      const stale = await put(detail.id, editBody(detail, { address: '旧的地址' }));
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ id: 'resource.conflict', field: 'version', currentVersion: 2 });
      expect(stale.body.error.message).toContain('档案已被他人修改');
      expect((await t.db.models.Household.findById(detail.id).lean())!.address).toBe('泰兴市黄桥镇测试村3组15号');
    });

    it('two people saving the same version at once: exactly one wins, the other gets 409', async () => {
      const { detail } = await fileAndRead();
      const [a, b] = await Promise.all([
        put(detail.id, editBody(detail, { address: '甲写的地址1号' })),
        put(detail.id, editBody(detail, { address: '乙写的地址2号' })),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? '甲写的地址1号' : '乙写的地址2号';
      expect((await t.db.models.Household.findById(detail.id).lean())!.address).toBe(winner);
      expect(await revisions(detail.id)).toBe(1);
    });
  });

  describe('idempotent on the edit’s client id', () => {
    it('the same edit sent 10 times, one after another: 10 × 200, 1 revision, version bumped once', async () => {
      const { detail } = await fileAndRead();
      const body = editBody(detail, { address: '重放地址1号' });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await put(detail.id, body)).status);
      expect(statuses).toEqual(Array(10).fill(200));
      expect(await revisions(detail.id)).toBe(1);
      const after = (await t.db.models.Household.findById(detail.id).lean())!;
      expect(after).toMatchObject({ version: 2, address: '重放地址1号' });
      expect(await t.db.models.AuditEvent.countDocuments({ event: 'household.update', 'details.householdId': detail.id })).toBe(1);
    });

    it('the same edit sent 10 times at once: all 200 (no 409 against itself), 1 revision', async () => {
      const { detail } = await fileAndRead();
      const body = editBody(detail, { address: '并发重放地址2号' });
      (body.members as any[]).push({
        relation: 'child',
        name: '陈小明',
        idNumber: buildIdNumber('2005-06-01', seq + 41),
        phone: null,
        education: 'senior_high',
        maritalStatus: 'single',
        occupation: '学生',
      });
      const results = await Promise.all(Array.from({ length: 10 }, () => put(detail.id, body)));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect(await revisions(detail.id)).toBe(1);
      const after = (await t.db.models.Household.findById(detail.id).lean())!;
      expect(after.version).toBe(2);
      expect(after.members).toHaveLength(3);
      // Every answer shows the one applied edit: the new member has one id everywhere.
      expect(new Set(results.map((r) => r.body.members[2].id)).size).toBe(1);
      expect(String(after.members[2]!._id)).toBe(results[0]!.body.members[2].id);
    });

    it('a replay after someone else saved on top is still 200 with the current file, not a 409', async () => {
      const { detail } = await fileAndRead();
      const mine = editBody(detail, { address: '我的地址' });
      expect((await put(detail.id, mine)).status).toBe(200);
      const v2 = (await t.api.get(`/api/v1/households/${detail.id}`, tok['e.m1'])).body;
      expect((await put(detail.id, editBody(v2, { address: '后来的地址' }))).status).toBe(200);
      const replay = await put(detail.id, mine);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ version: 3, address: '后来的地址' });
      expect(await revisions(detail.id)).toBe(2);
    });

    it('the same client id with another payload → 422 naming clientId; without a client id → 400', async () => {
      const { detail } = await fileAndRead();
      const body = editBody(detail, { address: '第一次的地址' });
      expect((await put(detail.id, body)).status).toBe(200);
      const other = await put(detail.id, { ...body, address: '换了内容', version: 2 });
      expect(other.status).toBe(422);
      expect(other.body.error).toMatchObject({ id: 'request.idempotency_mismatch', field: 'clientId' });
      const { clientId: _omit, ...noId } = editBody(detail, { version: 2 });
      const missing = await put(detail.id, noId);
      expect(missing.status).toBe(400);
      expect(missing.body.error.field).toBe('clientId');
      expect(await revisions(detail.id)).toBe(1);
    });
  });

  describe('auth and scope', () => {
    it('requires a token (401), a manager (403 for a president), the responsible one (404 for another manager)', async () => {
      const { detail } = await fileAndRead();
      const body = editBody(detail);
      expect((await t.api.request('PUT', `/api/v1/households/${detail.id}`, { body })).status).toBe(401);
      expect((await put(detail.id, body, 'e.bp')).status).toBe(403);
      const other = await put(detail.id, body, 'e.m2');
      expect(other.status).toBe(404);
      expect((await put('0123456789abcdef01234567', body)).status).toBe(404);
      expect(await revisions(detail.id)).toBe(0);
      // The president may read the whole file, masked; another manager may not.
      expect((await t.api.get(`/api/v1/households/${detail.id}`, tok['e.bp'])).body.finance.annualIncome).toBe(120000);
      expect((await t.api.get(`/api/v1/households/${detail.id}`, tok['e.m2'])).status).toBe(404);
    });
  });

  describe('caches that copy the file', () => {
    it('drops the cached portrait: the next read shows the edit', async () => {
      const { detail } = await fileAndRead();
      const portrait = async () => (await t.api.get(`/api/v1/households/${detail.id}/portrait`, tok['e.m1'])).body;
      expect((await portrait()).members).toHaveLength(2);
      expect(await t.redis.exists(`${t.config.redisPrefix}portrait:${detail.id}`)).toBe(1);
      const body = editBody(detail);
      (body.members as any[]).push({
        relation: 'parent',
        name: '陈老汉',
        idNumber: buildIdNumber('1950-01-02', seq + 51),
        phone: null,
        education: 'primary_or_below',
        maritalStatus: 'widowed',
        occupation: '',
      });
      expect((await put(detail.id, body)).status).toBe(200);
      expect(await t.redis.exists(`${t.config.redisPrefix}portrait:${detail.id}`)).toBe(0);
      expect((await portrait()).members).toHaveLength(3);
    });

    it('a change of village reaches the visit path’s cached household facts at once', async () => {
      const { detail } = await fileAndRead();
      const deps = { models: t.db.models, redis: t.redis, config: t.config };
      expect((await loadHouseholdFacts(deps, detail.id, mgrId))!.villageCode).toBe(VILLAGE);
      const gen = async () => Number((await t.redis.get(`${t.config.redisPrefix}hhfacts:gen`)) ?? 0);
      const g0 = await gen();
      // An edit that keeps the village leaves the facts cached.
      expect((await put(detail.id, editBody(detail, { address: '同村新地址' }))).status).toBe(200);
      expect(await gen()).toBe(g0);
      const v2 = (await t.api.get(`/api/v1/households/${detail.id}`, tok['e.m1'])).body;
      expect((await put(detail.id, editBody(v2, { villageCode: OTHER_VILLAGE }))).status).toBe(200);
      expect(await gen()).toBeGreaterThan(g0);
      expect((await loadHouseholdFacts(deps, detail.id, mgrId))!.villageCode).toBe(OTHER_VILLAGE);
    });
  });
});

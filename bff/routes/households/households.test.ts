import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';

/**
 * Data scope: manager → own households, president → their branch, head office → all.
 * Out-of-scope reads are indistinguishable from missing ones (404).
 */
describe('households within the data scope', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const m = t.db.models;
    const users = {
      'm.01.01': await buildUser(m, { username: 'm.01.01', role: 'manager', branchId: '01' }),
      'm.01.02': await buildUser(m, { username: 'm.01.02', role: 'manager', branchId: '01' }),
      'm.02.01': await buildUser(m, { username: 'm.02.01', role: 'manager', branchId: '02' }),
      'bp.01': await buildUser(m, { username: 'bp.01', role: 'branch_president', branchId: '01' }),
      'bp.02': await buildUser(m, { username: 'bp.02', role: 'branch_president', branchId: '02' }),
      'hq.marketing': await buildUser(m, { username: 'hq.marketing', role: 'hq_marketing', branchId: null }),
    };
    ids.a = String(
      (
        await buildHousehold(m, t.crypto, {
          managerId: users['m.01.01']._id,
          branchId: '01',
          headName: '张建国',
          phone: '13812345678',
          idNumber: '321283198005171234'.slice(0, 17) + 'X',
        })
      ).id,
    );
    ids.a2 = String((await buildHousehold(m, t.crypto, { managerId: users['m.01.01']._id, branchId: '01', headName: '李红' })).id);
    ids.b = String((await buildHousehold(m, t.crypto, { managerId: users['m.01.02']._id, branchId: '01', headName: '王五' })).id);
    ids.c = String((await buildHousehold(m, t.crypto, { managerId: users['m.02.01']._id, branchId: '02', headName: '赵六' })).id);
    for (const name of Object.keys(users)) tokens[name] = (await t.api.login(name, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  const list = async (who: string) => {
    const res = await t.api.get('/api/v1/households?page=1&pageSize=20', tokens[who]);
    expect(res.status).toBe(200);
    return res.body as { data: { id: string }[]; total: number };
  };

  it.each([
    ['m.01.01', ['a', 'a2']],
    ['m.01.02', ['b']],
    ['m.02.01', ['c']],
    ['bp.01', ['a', 'a2', 'b']],
    ['bp.02', ['c']],
    ['hq.marketing', ['a', 'a2', 'b', 'c']],
  ])('%s lists exactly its scope', async (who, expected) => {
    const body = await list(who);
    expect(body.data.map((h) => h.id).sort()).toEqual(expected.map((k) => ids[k]).sort());
    expect(body.total).toBe(expected.length);
  });

  it('m.01.02 cannot read m.01.01’s household: 404, same as a missing one', async () => {
    const out = await t.api.get(`/api/v1/households/${ids.a}`, tokens['m.01.02']);
    const missing = await t.api.get('/api/v1/households/0123456789abcdef01234567', tokens['m.01.02']);
    expect(out.status).toBe(404);
    expect(out.body).toEqual(missing.body);
    expect((await t.api.get(`/api/v1/households/${ids.a}`, tokens['m.01.01'])).status).toBe(200);
  });

  it('bp.02 cannot read branch 01', async () => {
    for (const k of ['a', 'b']) expect((await t.api.get(`/api/v1/households/${ids[k]}`, tokens['bp.02'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/households/${ids.c}`, tokens['bp.02'])).status).toBe(200);
  });

  it('masks names, ID numbers and phones in lists and details', async () => {
    const listBody = await list('m.01.01');
    const detail = await t.api.get(`/api/v1/households/${ids.a}`, tokens['m.01.01']);
    const text = JSON.stringify([listBody, detail.body]);
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('32128319800517123');
    expect(text).not.toContain('张建国');
    expect(detail.body.members[0]).toMatchObject({ name: '张**', idNumber: '3212**********123X', phone: '138****5678' });
    expect(detail.body.headName).toBe('张**');
  });

  it('pages and filters', async () => {
    const page = await t.api.get('/api/v1/households?page=2&pageSize=1', tokens['bp.01']);
    expect(page.body.data).toHaveLength(1);
    expect(page.body.total).toBe(3);
    const byName = await t.api.get(`/api/v1/households?q=${encodeURIComponent('王')}`, tokens['bp.01']);
    expect(byName.body.data.map((h: { id: string }) => h.id)).toEqual([ids.b]);
  });

  it.each([
    ['page=0', 'page'],
    ['pageSize=1000', 'pageSize'],
    ['villageCode=12', 'villageCode'],
  ])('rejects %s naming the field', async (qs, field) => {
    const res = await t.api.get(`/api/v1/households?${qs}`, tokens['bp.01']);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('requires authentication', async () => {
    expect((await t.api.get('/api/v1/households')).status).toBe(401);
    expect((await t.api.get(`/api/v1/households/${ids.a}`)).status).toBe(401);
  });

  it('rejects a malformed id with 400 naming it', async () => {
    const res = await t.api.get('/api/v1/households/not-an-id', tokens['hq.marketing']);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('id');
  });

  it('/me summarises the caller’s scope', async () => {
    const me = await t.api.get('/api/v1/me', tokens['bp.01']);
    expect(me.body).toMatchObject({ scope: 'branch', summary: { households: 3, managers: 2 } });
    const mgr = await t.api.get('/api/v1/me', tokens['m.02.01']);
    expect(mgr.body).toMatchObject({ scope: 'own', summary: { households: 1 } });
    expect(mgr.body.summary.managers).toBeUndefined();
  });
});

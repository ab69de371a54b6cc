import { CUSTOMER_CARD_PATH } from '@sunshine/shared';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildBranch, buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildAvailability, buildShareCard, wechatCustomerLogin } from '../../testing/appointmentFactories';
import { shareCardId } from '../../commands/createShareCard';
import { cstDay } from '../../appointments/slotCalendar';
import type { UserDoc } from '../../models/User';

describe('share cards, availability and appointments', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let m1: UserDoc;
  let m2: UserDoc;
  let mineHousehold: string;
  let otherHousehold: string;
  let person = 0;

  /** A new WeChat customer signed in through a fresh card of `manager`. */
  const newCustomer = async (manager: UserDoc = m1) => {
    const { code } = await buildShareCard(t.db.models, { managerId: manager._id, branchId: manager.branchId ?? '01' });
    const res = await wechatCustomerLogin(t.api, code, `apt${++person}`);
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };
  const slots = async (token: string) => {
    const res = await t.api.get('/api/v1/customer/slots?days=3', token);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.data as Array<{ start: string }>;
  };
  const book = (token: string, slotStart: string, extra: Record<string, unknown> = {}) =>
    t.api.post('/api/v1/customer/appointments', { slotStart, productId: 'sunshine_credit', note: '想了解授信', ...extra }, token);

  beforeAll(async () => {
    t = await startTestApp();
    await buildBranch(t.db.models, { _id: '01', name: '黄桥支行' });
    await buildBranch(t.db.models, { _id: '02', name: '城区支行' });
    m1 = (await buildUser(t.db.models, { username: 'ap.m1', role: 'manager', branchId: '01', name: '王经理' })).toObject() as UserDoc;
    m2 = (await buildUser(t.db.models, { username: 'ap.m2', role: 'manager', branchId: '01' })).toObject() as UserDoc;
    await buildUser(t.db.models, { username: 'ap.bp1', role: 'branch_president', branchId: '01' });
    await buildUser(t.db.models, { username: 'ap.bp2', role: 'branch_president', branchId: '02' });
    mineHousehold = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    otherHousehold = String((await buildHousehold(t.db.models, t.crypto, { managerId: m2._id })).id);
    await buildAvailability(t.db.models, m1._id);
    await buildAvailability(t.db.models, m2._id);
    for (const u of ['ap.m1', 'ap.m2', 'ap.bp1', 'ap.bp2']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  describe('POST /share-cards', () => {
    it('requires auth (401) and a manager (403)', async () => {
      expect((await t.api.post('/api/v1/share-cards', {})).status).toBe(401);
      expect((await t.api.post('/api/v1/share-cards', {}, tok['ap.bp1'])).status).toBe(403);
      expect((await t.api.post('/api/v1/share-cards', {}, await newCustomer())).status).toBe(403);
    });

    it('gives an opaque expiring code, stored only as its hash, in a path that carries nothing else', async () => {
      const res = await t.api.post('/api/v1/share-cards', { householdId: mineHousehold }, tok['ap.m1']);
      expect(res.status).toBe(201);
      const { code, path, expiresAt, householdId } = res.body;
      expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(path).toBe(`${CUSTOMER_CARD_PATH}?c=${code}`);
      expect(householdId).toBe(mineHousehold);
      const days = (Date.parse(expiresAt) - Date.now()) / 86400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      expect(await t.db.models.ShareCard.findById(code).lean()).toBeNull();
      expect(await t.db.models.ShareCard.findById(shareCardId(code)).lean()).toMatchObject({ managerId: m1._id });
      const two = await t.api.post('/api/v1/share-cards', {}, tok['ap.m1']);
      expect(two.body.code).not.toBe(code);
    });

    it('a household outside the manager’s scope is 404; a malformed id is 400 naming it', async () => {
      expect((await t.api.post('/api/v1/share-cards', { householdId: otherHousehold }, tok['ap.m1'])).status).toBe(404);
      const bad = await t.api.post('/api/v1/share-cards', { householdId: 'x' }, tok['ap.m1']);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('householdId');
    });
  });

  describe('/me/availability', () => {
    it('requires auth (401) and a manager (403)', async () => {
      expect((await t.api.get('/api/v1/me/availability')).status).toBe(401);
      expect((await t.api.get('/api/v1/me/availability', tok['ap.bp1'])).status).toBe(403);
      expect((await t.api.request('PUT', '/api/v1/me/availability', { body: { windows: [] }, token: await newCustomer() })).status).toBe(
        403,
      );
    });

    it('validates windows naming the field, and stores the work phone masked', async () => {
      const bad = await t.api.request('PUT', '/api/v1/me/availability', {
        body: { windows: [{ weekday: 1, start: '10:00', end: '09:00' }] },
        token: tok['ap.m2'],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('windows.0.end');
      const phone = await t.api.request('PUT', '/api/v1/me/availability', { body: { windows: [], workPhone: '123' }, token: tok['ap.m2'] });
      expect(phone.body.error.field).toBe('workPhone');

      const saved = await t.api.request('PUT', '/api/v1/me/availability', {
        body: { windows: [{ weekday: 3, start: '09:00', end: '11:30' }], workPhone: '13812345678' },
        token: tok['ap.m2'],
      });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ windows: [{ weekday: 3, start: '09:00', end: '11:30' }], workPhoneMasked: '138****5678' });
      expect((await t.api.get('/api/v1/me/availability', tok['ap.m2'])).body).toEqual(saved.body);
      const stored = await t.db.models.ManagerAvailability.findById(String(m2._id)).lean();
      expect(JSON.stringify(stored)).not.toContain('13812345678');
      await buildAvailability(t.db.models, m2._id); // back to all week for the tests below
    });
  });

  describe('customer card and slots', () => {
    it('requires a customer: 401 without a token, 403 for staff', async () => {
      for (const path of ['/api/v1/customer/card', '/api/v1/customer/slots', '/api/v1/customer/appointments']) {
        expect((await t.api.get(path)).status).toBe(401);
        expect((await t.api.get(path, tok['ap.m1'])).status).toBe(403);
      }
      expect((await t.api.post('/api/v1/customer/appointments', {}, tok['ap.m1'])).status).toBe(403);
    });

    it('shows the manager (masked work phone), the branch and the bank’s products', async () => {
      await t.db.models.ManagerAvailability.updateOne({ _id: String(m1._id) }, { $set: { workPhoneMasked: '139****0001' } });
      const card = await t.api.get('/api/v1/customer/card', await newCustomer());
      expect(card.status).toBe(200);
      expect(card.body.manager).toEqual({ id: String(m1._id), name: '王经理', branchName: '黄桥支行', workPhoneMasked: '139****0001' });
      expect(card.body.products.map((p: { id: string }) => p.id)).toContain('sunshine_credit');
      expect(card.body.products[0].name).toBe('阳光信贷');
      expect(card.body.reminderTemplateId).toBe(t.config.customer.reminders.templateId);
    });

    it('lists future 30-minute slots of the manager', async () => {
      const list = await slots(await newCustomer());
      expect(list.length).toBeGreaterThan(40);
      for (const s of list.slice(0, 5)) {
        expect(Date.parse(s.start)).toBeGreaterThan(Date.now());
        expect(Date.parse(s.start) % 1_800_000).toBe(0);
      }
      const bad = await t.api.get('/api/v1/customer/slots?from=tomorrow', await newCustomer());
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('from');
    });
  });

  describe('booking', () => {
    it('validates the input, naming the field; refuses a time that is not a published slot', async () => {
      const c = await newCustomer();
      const [first] = await slots(c);
      expect((await book(c, 'soon')).body.error.field).toBe('slotStart');
      expect((await book(c, first!.start, { productId: 'gold' })).body.error.field).toBe('productId');
      const offGrid = new Date(Date.parse(first!.start) + 15 * 60_000).toISOString();
      const res = await book(c, offGrid);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ id: 'appointment.slot_unavailable', field: 'slotStart' });
      expect((await book(c, new Date(Date.now() - 3600_000).toISOString())).status).toBe(409);
    });

    it('concurrent bookings of one slot: exactly one wins', async () => {
      const customers = await Promise.all(Array.from({ length: 8 }, () => newCustomer()));
      const target = (await slots(customers[0]!))[10]!.start;
      const results = await Promise.all(customers.map((c) => book(c, target)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      const losers = results.filter((r) => r.status === 409);
      expect(losers).toHaveLength(7);
      for (const l of losers) expect(l.body.error.id).toBe('appointment.slot_taken');
      expect(await t.db.models.Appointment.countDocuments({ managerId: m1._id, slotStart: new Date(target) })).toBe(1);
      expect((await slots(customers[1]!)).map((s) => s.start)).not.toContain(target);
    });

    it('a customer sees, reschedules and cancels only their own appointments', async () => {
      const a = await newCustomer();
      const b = await newCustomer();
      const free = await slots(a);
      const booked = await book(a, free[20]!.start, { contactName: '李先生' });
      expect(booked.status).toBe(201);
      expect(booked.body).toMatchObject({
        status: 'requested',
        version: 1,
        customer: { contactName: '李先生' },
        manager: { name: '王经理' },
      });
      const id = booked.body.id as string;

      expect((await t.api.get('/api/v1/customer/appointments', a)).body.data.map((x: { id: string }) => x.id)).toEqual([id]);
      expect((await t.api.get('/api/v1/customer/appointments', b)).body.data).toEqual([]);
      expect((await t.api.post(`/api/v1/customer/appointments/${id}/cancel`, {}, b)).status).toBe(404);
      expect((await t.api.post(`/api/v1/customer/appointments/${id}/reschedule`, { slotStart: free[21]!.start }, b)).status).toBe(404);
      expect((await t.api.post('/api/v1/customer/appointments/nope/cancel', {}, a)).body.error.field).toBe('id');

      const moved = await t.api.post(`/api/v1/customer/appointments/${id}/reschedule`, { slotStart: free[21]!.start }, a);
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ slotStart: free[21]!.start, status: 'requested', version: 2 });
      const after = (await slots(a)).map((s) => s.start);
      expect(after).toContain(free[20]!.start); // the old slot is free again
      expect(after).not.toContain(free[21]!.start);

      const cancelled = await t.api.post(`/api/v1/customer/appointments/${id}/cancel`, {}, a);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 3 });
      expect((await slots(a)).map((s) => s.start)).toContain(free[21]!.start);
      expect((await t.api.post(`/api/v1/customer/appointments/${id}/cancel`, {}, a)).status).toBe(409);
    });

    it('a customer holds at most three open appointments', async () => {
      const c = await newCustomer();
      const free = await slots(c);
      for (const i of [30, 31, 32]) expect((await book(c, free[i]!.start)).status).toBe(201);
      const fourth = await book(c, free[33]!.start);
      expect(fourth.status).toBe(409);
      expect(fourth.body.error.message).toContain('最多');
    });
  });

  describe('staff side', () => {
    let id: string;
    let day: string;
    let free: Array<{ start: string }>;

    beforeAll(async () => {
      const c = await newCustomer();
      free = await slots(c);
      const res = await book(c, free[40]!.start);
      id = res.body.id;
      day = cstDay(new Date(free[40]!.start));
    });

    it('GET /appointments requires auth (401), staff (403) and a date (400 naming it)', async () => {
      expect((await t.api.get(`/api/v1/appointments?date=${day}`)).status).toBe(401);
      expect((await t.api.get(`/api/v1/appointments?date=${day}`, await newCustomer())).status).toBe(403);
      const bad = await t.api.get('/api/v1/appointments?date=2026-13-01', tok['ap.m1']);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('date');
    });

    it('a manager sees their own; a branch president their branch; others nothing', async () => {
      const ids = async (who: string) =>
        ((await t.api.get(`/api/v1/appointments?date=${day}`, tok[who])).body.data as Array<{ id: string }>).map((a) => a.id);
      expect(await ids('ap.m1')).toContain(id);
      expect(await ids('ap.bp1')).toContain(id);
      expect(await ids('ap.m2')).not.toContain(id);
      expect(await ids('ap.bp2')).not.toContain(id);
    });

    it('confirm: 401, 403 for a president, 404 out of scope, then confirmed (and idempotent)', async () => {
      expect((await t.api.post(`/api/v1/appointments/${id}/confirm`, {})).status).toBe(401);
      expect((await t.api.post(`/api/v1/appointments/${id}/confirm`, {}, tok['ap.bp1'])).status).toBe(403);
      expect((await t.api.post(`/api/v1/appointments/${id}/confirm`, {}, tok['ap.m2'])).status).toBe(404);
      const ok = await t.api.post(`/api/v1/appointments/${id}/confirm`, {}, tok['ap.m1']);
      expect(ok.body).toMatchObject({ status: 'confirmed', version: 2 });
      expect((await t.api.post(`/api/v1/appointments/${id}/confirm`, {}, tok['ap.m1'])).body.version).toBe(2);
    });

    it('GET /me/slots: 401, 403 for a customer, the manager’s own free slots', async () => {
      expect((await t.api.get('/api/v1/me/slots')).status).toBe(401);
      expect((await t.api.get('/api/v1/me/slots', await newCustomer())).status).toBe(403);
      const mine = await t.api.get('/api/v1/me/slots?days=3', tok['ap.m1']);
      expect(mine.status).toBe(200);
      const starts = (mine.body.data as Array<{ start: string }>).map((s) => s.start);
      expect(starts).not.toContain(free[40]!.start); // booked
      expect(starts).toContain(free[41]!.start);
    });

    it('reschedule by the manager stays confirmed; racing reschedules leave one consistent result', async () => {
      expect((await t.api.post(`/api/v1/appointments/${id}/reschedule`, { slotStart: free[41]!.start }, tok['ap.m2'])).status).toBe(404);
      expect((await t.api.post(`/api/v1/appointments/${id}/reschedule`, { slotStart: 'x' }, tok['ap.m1'])).body.error.field).toBe(
        'slotStart',
      );
      const targets = [41, 42, 43, 44].map((i) => free[i]!.start);
      const results = await Promise.all(
        targets.map((slotStart) => t.api.post(`/api/v1/appointments/${id}/reschedule`, { slotStart }, tok['ap.m1'])),
      );
      const wins = results.filter((r) => r.status === 200);
      // Requests that overlapped lose on the revision claim; one that started after another
      // finished simply applies on top of it.
      expect(wins.length).toBeGreaterThanOrEqual(1);
      for (const r of results.filter((x) => x.status !== 200)) expect(r.body.error.id).toBe('appointment.stale');
      const doc = await t.db.models.Appointment.findById(id).lean();
      expect(doc).toMatchObject({ status: 'confirmed', version: 2 + wins.length });
      // Exactly one slot is held by the appointment, the one it is at: losers released theirs.
      const held = await t.db.models.SlotClaim.find({ appointmentId: id }).lean();
      expect(held.map((c) => c._id)).toEqual([`${m1._id}:${doc!.slotStart.toISOString()}`]);
    });
  });
});

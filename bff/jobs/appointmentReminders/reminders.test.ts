import { startTestApp, type TestApp } from '../../testing/testApp';
import { openTestDatabase, type TestDatabase } from '../../testing/testDb';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildAvailability, buildShareCard, nextSlotStart, wechatCustomerLogin } from '../../testing/appointmentFactories';
import { ReminderQueue, reminderJobId } from './reminderQueue';
import { sweepReminders } from './sweepReminders';
import type { UserDoc } from '../../models/User';

/**
 * Reminders end to end: the worker runs in the app (REMINDER_WORKER=1), the lead time is set
 * so the first slot's reminder falls due a few seconds after confirmation, and delivery is
 * observed at the WeChat simulator, which records every subscription message it accepted.
 */
const DUE_IN_MS = 20_000;

describe('appointment reminders', () => {
  let t: TestApp;
  let db: TestDatabase;
  let manager: UserDoc;
  let managerToken: string;
  let queue: ReminderQueue;
  let slot: Date;
  let dueAt: number;
  let person = 0;
  const closers: Array<() => Promise<void>> = [];

  const messages = async (touser?: string) =>
    (await (await fetch(`${t.config.wechat.apiBase}/admin/subscribe-messages${touser ? `?touser=${touser}` : ''}`)).json()) as Array<{
      touser: string;
      templateId: string;
      page: string;
      data: Record<string, { value: string }>;
      receivedAt: string;
    }>;

  const customer = async () => {
    const { code } = await buildShareCard(t.db.models, { managerId: manager._id });
    const res = await wechatCustomerLogin(t.api, code, `rem${++person}`);
    const doc = await t.db.models.Customer.findById(res.body.user.id).lean();
    return { token: res.body.accessToken as string, openid: doc!.openid! };
  };

  beforeAll(async () => {
    // The slow part (a fresh database) first; then the first slot at least a minute ahead, and
    // a lead time that makes its reminder due DUE_IN_MS from now.
    db = await openTestDatabase('reminders');
    manager = (await buildUser(db.models, { username: 'rm.m1', role: 'manager', branchId: '01' })).toObject() as UserDoc;
    await buildAvailability(db.models, manager._id);
    slot = nextSlotStart(60_000);
    const leadSec = Math.floor((slot.getTime() - Date.now() - DUE_IN_MS) / 1000);
    dueAt = slot.getTime() - leadSec * 1000;
    t = await startTestApp({ db, env: { REMINDER_WORKER: '1', REMINDER_LEAD_SEC: String(leadSec), REMINDER_SWEEP_SEC: '3600' } });
    managerToken = (await t.api.login('rm.m1', TEST_PASSWORD)).accessToken;
    queue = new ReminderQueue({ redisUrl: t.config.redisUrl, redisPrefix: t.config.redisPrefix }, (c) => closers.push(c));
  });
  afterAll(async () => {
    for (const c of closers) await c();
    await t.stop();
    await db.drop();
  });

  const bookAndConfirm = async (c: { token: string }, start: Date, reminder = 'accept') => {
    const booked = await t.api.post(
      '/api/v1/customer/appointments',
      { slotStart: start.toISOString(), productId: 'hui_e_dai', reminder },
      c.token,
    );
    expect(booked.status).toBe(201);
    const confirmed = await t.api.post(`/api/v1/appointments/${booked.body.id}/confirm`, {}, managerToken);
    expect(confirmed.status).toBe(200);
    return confirmed.body as { id: string; version: number };
  };

  it('a confirmed, subscribed appointment’s reminder reaches WeChat at its due time, once', async () => {
    const c = await customer();
    const appt = await bookAndConfirm(c, slot);
    expect(await queue.has(reminderJobId(appt.id, appt.version))).toBe(true);
    expect(await messages(c.openid)).toEqual([]); // not before it is due

    let received: Awaited<ReturnType<typeof messages>> = [];
    for (let i = 0; i < 100 && received.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      received = await messages(c.openid);
    }
    expect(received).toHaveLength(1);
    const [m] = received;
    expect(Date.parse(m!.receivedAt)).toBeGreaterThanOrEqual(dueAt - 1000);
    expect(m).toMatchObject({ templateId: t.config.customer.reminders.templateId, page: 'subpackages/customer/pages/mine/index' });
    expect(m!.data.thing1!.value).toBe('惠E贷');
    const list = await t.api.get('/api/v1/customer/appointments', c.token);
    expect(list.body.data[0].reminder.sentAt).not.toBeNull();
    // Re-enqueueing the same version (as a sweeper might) never sends twice.
    await queue.schedule(appt.id, appt.version, new Date());
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messages(c.openid)).toHaveLength(1);
  }, 120_000);

  it('without the customer’s tap to subscribe, nothing is scheduled', async () => {
    const c = await customer();
    const appt = await bookAndConfirm(c, new Date(slot.getTime() + 1800_000), 'reject');
    expect(await queue.has(reminderJobId(appt.id, appt.version))).toBe(false);
    const doc = await t.db.models.Appointment.findById(appt.id).lean();
    expect(doc!.reminder).toMatchObject({ subscribed: false, jobId: null });
  });

  it('reschedule replaces the job; cancel removes it', async () => {
    const c = await customer();
    const far = new Date(slot.getTime() + 2 * 86400_000);
    const appt = await bookAndConfirm(c, far);
    const firstJob = reminderJobId(appt.id, appt.version);
    expect(await queue.has(firstJob)).toBe(true);

    const moved = await t.api.post(
      `/api/v1/appointments/${appt.id}/reschedule`,
      { slotStart: new Date(far.getTime() + 1800_000).toISOString() },
      managerToken,
    );
    expect(moved.body).toMatchObject({ status: 'confirmed', version: appt.version + 1 });
    const secondJob = reminderJobId(appt.id, moved.body.version);
    expect(await queue.has(firstJob)).toBe(false);
    expect(await queue.has(secondJob)).toBe(true);

    const cancelled = await t.api.post(`/api/v1/customer/appointments/${appt.id}/cancel`, {}, c.token);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await queue.has(secondJob)).toBe(false);
  });

  it('after a Redis flush the sweeper re-enqueues every unsent reminder from the database', async () => {
    const c = await customer();
    const appt = await bookAndConfirm(c, new Date(slot.getTime() + 3 * 86400_000));
    const jobId = reminderJobId(appt.id, appt.version);
    const bullKeys = await t.redis.keys(`${t.config.redisPrefix}bull*`);
    expect(bullKeys.length).toBeGreaterThan(0);
    await t.redis.del(...bullKeys);
    expect(await queue.has(jobId)).toBe(false);

    const swept = await sweepReminders({ models: t.db.models }, queue);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect(await queue.has(jobId)).toBe(true);
    // A second sweep finds nothing missing.
    expect((await sweepReminders({ models: t.db.models }, queue)).requeued).toBe(0);
  });
});

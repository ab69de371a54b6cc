import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildShareCard, latestSmsCode, smsCustomerLogin, wechatCustomerLogin } from '../../testing/appointmentFactories';
import type { UserDoc } from '../../models/User';

describe('customer sign-in through a share card', () => {
  let t: TestApp;
  let manager: UserDoc;
  let smsBase: string;

  beforeAll(async () => {
    t = await startTestApp();
    smsBase = t.config.customer.sms.apiBase;
    manager = (await buildUser(t.db.models, { username: 'ca.m1', role: 'manager', branchId: '01' })).toObject() as UserDoc;
  });
  afterAll(() => t.stop());

  const card = (overrides: { expiresAt?: Date } = {}) => buildShareCard(t.db.models, { managerId: manager._id, ...overrides });

  describe('WeChat (mini program)', () => {
    it('signs a customer in with role customer, keyed by openid, and binds the card to them', async () => {
      const { code, card: c } = await card();
      const first = await wechatCustomerLogin(t.api, code, 'alice');
      expect(first.status).toBe(200);
      expect(first.body.user).toMatchObject({ role: 'customer', branchId: null });
      expect(first.body).not.toHaveProperty('session_key');
      expect(JSON.stringify(first.body)).not.toMatch(/session_key|o_sim_/);
      // The same person again through the same card: the same customer.
      const again = await wechatCustomerLogin(t.api, code, 'alice');
      expect(again.status).toBe(200);
      expect(again.body.user.id).toBe(first.body.user.id);
      const claim = await t.db.models.ShareCardClaim.findById(c._id).lean();
      expect(String(claim!.customerId)).toBe(first.body.user.id);
      const customer = await t.db.models.Customer.findById(first.body.user.id).lean();
      expect(String(customer!.managerId)).toBe(String(manager._id));
    });

    it('a card binds one customer: another customer gets 409', async () => {
      const { code } = await card();
      expect((await wechatCustomerLogin(t.api, code, 'bob')).status).toBe(200);
      const other = await wechatCustomerLogin(t.api, code, 'carol');
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ id: 'share_card.bound_to_other' });
      expect(other.body.error.message).toContain('其他客户');
    });

    it('two new customers racing on one card: exactly one is bound', async () => {
      const { code } = await card();
      const results = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((p) => wechatCustomerLogin(t.api, code, p)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    });

    it('an expired card answers 410, an unknown one 404, a malformed one 400 naming the field', async () => {
      const { code } = await card({ expiresAt: new Date(Date.now() - 1000) });
      const expired = await wechatCustomerLogin(t.api, code, 'dave');
      expect(expired.status).toBe(410);
      expect(expired.body.error.id).toBe('share_card.expired');
      expect((await wechatCustomerLogin(t.api, 'A'.repeat(43), 'dave')).status).toBe(404);
      const bad = await t.api.post('/api/v1/public/customer/wechat-login', { code: 'sim-code-x.1', shareCode: 'short' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('shareCode');
      const noCode = await t.api.post('/api/v1/public/customer/wechat-login', { shareCode: code });
      expect(noCode.body.error.field).toBe('code');
    });

    it('an invalid wx.login code is refused with 401', async () => {
      const { code } = await card();
      const res = await t.api.post('/api/v1/public/customer/wechat-login', { code: 'not-a-sim-code', shareCode: code });
      expect(res.status).toBe(401);
      expect(res.body.error.id).toBe('auth.wechat_code_invalid');
    });

    it('a customer token gets no staff data: staff routes answer 403', async () => {
      const { code } = await card();
      const { body } = await wechatCustomerLogin(t.api, code, 'erin');
      expect((await t.api.get('/api/v1/households', body.accessToken)).status).toBe(403);
      expect((await t.api.get('/api/v1/me', body.accessToken)).status).toBe(403);
      expect((await t.api.post('/api/v1/share-cards', {}, body.accessToken)).status).toBe(403);
    });

    it('a disabled customer is signed out at once', async () => {
      const { code } = await card();
      const { body } = await wechatCustomerLogin(t.api, code, 'frank');
      await t.db.models.Customer.updateOne({ _id: body.user.id }, { $set: { active: false } });
      expect((await t.api.get('/api/v1/customer/card', body.accessToken)).status).toBe(401);
    });
  });

  describe('SMS code (H5)', () => {
    it('sends a 6-digit code to the phone, signs in with it once, stores the phone encrypted', async () => {
      const { code } = await card();
      const phone = '13900001111';
      const sent = await t.api.post('/api/v1/public/customer/sms-code', { phone, shareCode: code });
      expect(sent.status).toBe(200);
      expect(sent.body).toMatchObject({ sent: true, phoneMasked: '139****1111' });
      expect(JSON.stringify(sent.body)).not.toMatch(/\d{6}/);
      const otp = await latestSmsCode(smsBase, phone);
      expect(otp).toMatch(/^\d{6}$/);
      // Only a hash is in Redis.
      const keys = await t.redis.keys(`${t.config.redisPrefix}sms:code:*`);
      expect(keys).toHaveLength(1);
      expect(JSON.stringify(await t.redis.hgetall(keys[0]!))).not.toContain(otp!);

      const login = await t.api.post('/api/v1/public/customer/sms-login', { phone, code: otp, shareCode: code });
      expect(login.status).toBe(200);
      expect(login.body.user).toMatchObject({ role: 'customer', name: '客户 139****1111' });
      const reuse = await t.api.post('/api/v1/public/customer/sms-login', { phone, code: otp, shareCode: code });
      expect(reuse.status).toBe(401);
      expect(reuse.body.error).toMatchObject({ id: 'sms.code_invalid', field: 'code' });

      const customer = await t.db.models.Customer.findById(login.body.user.id).lean();
      expect(customer!.phoneMasked).toBe('139****1111');
      expect(customer!.phoneCipher).not.toContain(phone);
      expect(JSON.stringify(customer)).not.toContain(phone);
      expect(customer!.phoneIndex).toBe(t.crypto.blindIndex('phone', phone));
      expect(t.crypto.decrypt(customer!.phoneCipher!)).toBe(phone);
    });

    it('a wrong code is refused; five wrong guesses burn the code', async () => {
      const { code } = await card();
      const phone = '13900002222';
      await t.api.post('/api/v1/public/customer/sms-code', { phone, shareCode: code });
      const otp = (await latestSmsCode(smsBase, phone))!;
      const wrong = otp === '000000' ? '111111' : '000000';
      const first = await t.api.post('/api/v1/public/customer/sms-login', { phone, code: wrong, shareCode: code });
      expect(first.status).toBe(401);
      const rest = await Promise.all(
        Array.from({ length: 4 }, () => t.api.post('/api/v1/public/customer/sms-login', { phone, code: wrong, shareCode: code })),
      );
      expect(rest.map((r) => r.status).sort()).toEqual([401, 401, 401, 429]);
      // Burnt: even the right code no longer works.
      const right = await t.api.post('/api/v1/public/customer/sms-login', { phone, code: otp, shareCode: code });
      expect(right.status).toBe(401);
    });

    it('limits codes per phone: a second request within the resend interval is 429', async () => {
      const { code } = await card();
      const phone = '13900003333';
      expect((await t.api.post('/api/v1/public/customer/sms-code', { phone, shareCode: code })).status).toBe(200);
      const again = await t.api.post('/api/v1/public/customer/sms-code', { phone, shareCode: code });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
      const parallel = await Promise.all(
        Array.from({ length: 5 }, () => t.api.post('/api/v1/public/customer/sms-code', { phone: '13900004444', shareCode: code })),
      );
      expect(parallel.filter((r) => r.status === 200)).toHaveLength(1);
    });

    it('validates phone and code, naming the field', async () => {
      const { code } = await card();
      const badPhone = await t.api.post('/api/v1/public/customer/sms-code', { phone: '12345', shareCode: code });
      expect(badPhone.status).toBe(400);
      expect(badPhone.body.error.field).toBe('phone');
      const badCode = await t.api.post('/api/v1/public/customer/sms-login', { phone: '13900005555', code: '12ab', shareCode: code });
      expect(badCode.body.error.field).toBe('code');
    });

    it('sends nothing for a card bound to another customer (409) or expired (410)', async () => {
      const { code } = await card();
      expect((await smsCustomerLogin(t.api, smsBase, code, '13900006666')).status).toBe(200);
      const other = await t.api.post('/api/v1/public/customer/sms-code', { phone: '13900007777', shareCode: code });
      expect(other.status).toBe(409);
      expect(await latestSmsCode(smsBase, '13900007777')).toBeNull();
      const old = await card({ expiresAt: new Date(Date.now() - 1) });
      expect((await t.api.post('/api/v1/public/customer/sms-code', { phone: '13900007777', shareCode: old.code })).status).toBe(410);
    });
  });

  describe('refresh', () => {
    it('rotates a customer refresh token; refuses a staff one', async () => {
      const { code } = await card();
      const { body } = await wechatCustomerLogin(t.api, code, 'gina');
      const refreshed = await t.api.post('/api/v1/public/customer/refresh', { refreshToken: body.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.user).toMatchObject({ id: body.user.id, role: 'customer' });
      expect((await t.api.get('/api/v1/customer/card', refreshed.body.accessToken)).status).toBe(200);
      expect((await t.api.post('/api/v1/public/customer/refresh', { refreshToken: body.refreshToken })).status).toBe(401);

      const staff = await t.api.login('ca.m1', TEST_PASSWORD);
      expect((await t.api.post('/api/v1/public/customer/refresh', { refreshToken: staff.refreshToken })).status).toBe(401);
    });
  });
});

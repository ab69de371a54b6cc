import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { AvailabilityWindow } from '@sunshine/shared';
import type { Models } from '../models';
import { shareCardId } from '../commands/createShareCard';
import type { ApiClient } from './testApp';

/**
 * Factories for share cards, availability and signed-in customers. Customers sign in through
 * the real routes (WeChat via the simulator's code2Session, SMS via its outbox), so tests use
 * the tokens a phone would hold.
 */
let seq = 0;

/** Open every day, 00:00–23:30 CST, so a test always finds bookable slots. */
export const ALL_WEEK: AvailabilityWindow[] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:30' }));

export async function buildShareCard(
  models: Models,
  overrides: { managerId: Types.ObjectId; branchId?: string; householdId?: Types.ObjectId | null; expiresAt?: Date },
) {
  const code = randomBytes(32).toString('base64url');
  const card = await models.ShareCard.create({
    _id: shareCardId(code),
    managerId: overrides.managerId,
    branchId: overrides.branchId ?? '01',
    householdId: overrides.householdId ?? null,
    expiresAt: overrides.expiresAt ?? new Date(Date.now() + 7 * 86400_000),
  });
  return { code, card };
}

export async function buildAvailability(
  models: Models,
  managerId: Types.ObjectId,
  windows: AvailabilityWindow[] = ALL_WEEK,
  branchId = '01',
) {
  await models.ManagerAvailability.updateOne({ _id: String(managerId) }, { $set: { windows, branchId } }, { upsert: true });
}

/** A WeChat customer: `person` names the simulator's stable openid. */
export async function wechatCustomerLogin(api: ApiClient, shareCode: string, person = `cust${++seq}`) {
  return api.post('/api/v1/public/customer/wechat-login', { code: `sim-code-${person}.${++seq}`, shareCode });
}

/** The latest one-time code the SMS simulator delivered to a phone. */
export async function latestSmsCode(smsBase: string, phone: string): Promise<string | null> {
  const res = await fetch(`${smsBase}/admin/sms?phone=${phone}`);
  const messages = (await res.json()) as Array<{ text: string }>;
  const last = messages[messages.length - 1];
  return last ? (/(\d{6})/.exec(last.text)?.[1] ?? null) : null;
}

/** An H5 customer: asks for a code, reads it from the simulator's outbox, signs in. */
export async function smsCustomerLogin(api: ApiClient, smsBase: string, shareCode: string, phone: string) {
  const sent = await api.post('/api/v1/public/customer/sms-code', { phone, shareCode });
  if (sent.status !== 200) return sent;
  const code = await latestSmsCode(smsBase, phone);
  return api.post('/api/v1/public/customer/sms-login', { phone, code, shareCode });
}

/** The next slot start (30-minute boundary) at least `minAheadMs` from now. */
export function nextSlotStart(minAheadMs = 60_000, now = Date.now()): Date {
  const slot = 30 * 60_000;
  return new Date(Math.ceil((now + minAheadMs) / slot) * slot);
}

import { Types } from 'mongoose';
import { ERROR_IDS, maskPhone, type TokenPair } from '@sunshine/shared';
import type { Services } from '../src/context';
import type { ShareCardDoc } from '../models/ShareCard';
import type { CustomerDoc } from '../models/Customer';
import { AppError, NotFoundError } from '../src/errors';
import { shareCardId } from './createShareCard';

/**
 * Customer sign-in through a share card, for both identities (WeChat openid, verified phone):
 *
 * 1. the card must exist and not have expired (410);
 * 2. the identity is found or created by a unique insert keyed by the identity itself;
 * 3. the card is claimed for this customer by a unique insert keyed by the card: the first
 *    customer wins, anyone else gets 409, the same customer may come back through it;
 * 4. the customer is linked to the card's manager and a `customer` session starts.
 */
export type CustomerIdentityInput = { kind: 'wechat'; openid: string } | { kind: 'phone'; phone: string };

export async function loadShareCard(services: Pick<Services, 'models'>, code: string, now = new Date()): Promise<ShareCardDoc> {
  const card = await services.models.ShareCard.findById(shareCardId(code)).lean<ShareCardDoc>();
  if (!card) throw new NotFoundError('名片不存在,请向客户经理重新索取');
  if (card.expiresAt.getTime() <= now.getTime()) {
    throw new AppError(410, ERROR_IDS.shareCardExpired, '名片已过期,请向客户经理重新索取');
  }
  return card;
}

function identityKey(services: Pick<Services, 'crypto'>, identity: CustomerIdentityInput): string {
  return identity.kind === 'wechat' ? `wx:${identity.openid}` : `phone:${services.crypto.blindIndex('phone', identity.phone)}`;
}

/** The customer id of an identity, or the id it gets if it signs in now (not yet stored). */
async function findOrPlanCustomerId(services: Pick<Services, 'models'>, key: string): Promise<{ id: Types.ObjectId; known: boolean }> {
  const existing = await services.models.CustomerIdentity.findById(key).lean();
  return existing ? { id: existing.customerId, known: true } : { id: new Types.ObjectId(), known: false };
}

async function insertOrGet<T>(insert: () => Promise<unknown>, get: () => Promise<T>): Promise<T> {
  try {
    await insert();
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  return get();
}

/** Throws 409 unless the card is (now) this customer's; the same check for the SMS request. */
export async function assertCardAvailable(
  services: Pick<Services, 'models' | 'crypto'>,
  card: ShareCardDoc,
  identity: CustomerIdentityInput,
) {
  const claim = await services.models.ShareCardClaim.findById(card._id).lean();
  if (!claim) return;
  const { id, known } = await findOrPlanCustomerId(services, identityKey(services, identity));
  if (!known || !claim.customerId.equals(id)) throw cardTaken();
}

function cardTaken(): AppError {
  return new AppError(409, ERROR_IDS.shareCardBound, '该名片已被其他客户使用,请向客户经理索取新的名片');
}

export async function signInCustomer(
  services: Pick<Services, 'models' | 'crypto' | 'sessions' | 'tokens'>,
  card: ShareCardDoc,
  identity: CustomerIdentityInput,
): Promise<TokenPair> {
  const { models, crypto } = services;
  const key = identityKey(services, identity);
  const planned = await findOrPlanCustomerId(services, key);
  const identityDoc = planned.known
    ? { customerId: planned.id }
    : await insertOrGet(
        () => models.CustomerIdentity.create({ _id: key, customerId: planned.id }),
        async () => (await models.CustomerIdentity.findById(key).lean())!,
      );
  const customerId = identityDoc.customerId;

  const claim = await insertOrGet(
    () => models.ShareCardClaim.create({ _id: card._id, customerId }),
    async () => (await models.ShareCardClaim.findById(card._id).lean())!,
  );
  if (!claim.customerId.equals(customerId)) throw cardTaken();

  // Only this customer's own sign-ins write their document, so plain $set is safe here.
  const link = { managerId: card.managerId, branchId: card.branchId ?? null, shareCardId: card._id, householdId: card.householdId ?? null };
  const personal =
    identity.kind === 'wechat'
      ? { openid: identity.openid }
      : {
          phoneCipher: crypto.encrypt(identity.phone),
          phoneIndex: crypto.blindIndex('phone', identity.phone),
          phoneMasked: maskPhone(identity.phone),
        };
  const save = () => models.Customer.updateOne({ _id: customerId }, { $set: { ...link, ...personal } }, { upsert: true });
  // Two first sign-ins of one person at once: one upsert inserts, the other's insert is
  // refused and becomes an update.
  await save().catch((err: { code?: number }) => (err.code === 11000 ? save() : Promise.reject(err)));
  const customer = (await models.Customer.findById(customerId).lean<CustomerDoc>())!;
  if (!customer.active) throw new AppError(403, ERROR_IDS.forbidden, '该客户账号已停用,请联系客户经理');
  return issueCustomerSession(services, customer);
}

export function customerDisplayName(customer: Pick<CustomerDoc, 'phoneMasked'>): string {
  return customer.phoneMasked ? `客户 ${customer.phoneMasked}` : '微信客户';
}

export async function issueCustomerSession(services: Pick<Services, 'sessions' | 'tokens'>, customer: CustomerDoc): Promise<TokenPair> {
  const { sessionId, refreshToken } = await services.sessions.create(String(customer._id), 'customer');
  return customerTokenPair(services, customer, sessionId, refreshToken);
}

export function customerTokenPair(
  services: Pick<Services, 'tokens'>,
  customer: CustomerDoc,
  sessionId: string,
  refreshToken: string,
): TokenPair {
  const user = {
    id: String(customer._id),
    username: 'customer',
    role: 'customer' as const,
    branchId: null,
    name: customerDisplayName(customer),
  };
  const { id, ...claims } = user;
  const accessToken = services.tokens.signAccess({ sub: id, sid: sessionId, ...claims });
  return { accessToken, refreshToken, expiresIn: services.tokens.accessTtlSec, user };
}

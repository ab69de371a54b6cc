import { createHmac } from 'node:crypto';
import { ERROR_IDS, type ConfirmVisit, type VisitConfirmationResult } from '@sunshine/shared';
import type { Services } from '../src/context';
import type { VisitDoc } from '../models/Visit';
import { AppError, ForbiddenError, NotFoundError } from '../src/errors';
import { VisitConfirmCodes } from '../visits/confirmCodes';

const expired = () => new AppError(410, ERROR_IDS.visitConfirmExpired, '二维码已过期,请客户经理重新生成');
const used = () => new AppError(409, ERROR_IDS.visitConfirmUsed, '该二维码已使用,请客户经理重新生成');

/**
 * A customer confirms a visit from WeChat: the scanned code names the visit, wx.login's code
 * names the customer (code2Session). The code is consumed only after the customer is known,
 * so a failed WeChat login does not burn it. Of concurrent confirmations the unique insert
 * of VisitConfirmation (keyed by the visit id) lets exactly one in; only that one raises the
 * visit's proof level, so the visit has a single writer.
 */
export async function confirmVisit(
  services: Pick<Services, 'models' | 'redis' | 'config' | 'wechat' | 'logger'>,
  input: ConfirmVisit,
  now = new Date(),
): Promise<VisitConfirmationResult> {
  const { models } = services;
  const codes = new VisitConfirmCodes(services.redis, services.config.redisPrefix);
  const found = await codes.peek(input.code);
  if (found.state === 'expired') throw expired();
  if (found.state === 'used') throw used();

  const { openid } = await services.wechat.code2Session(input.wxCode).catch((err: unknown) => {
    services.logger.warn({ err: String(err) }, 'code2Session failed');
    throw new AppError(400, ERROR_IDS.wechatCodeInvalid, '微信登录失败,请重新扫码', { field: 'wxCode' });
  });
  // A staff account's WeChat cannot vouch for a visit: that would be the manager confirming themself.
  if (await models.WechatBinding.exists({ _id: openid })) throw new ForbiddenError('员工微信不能确认走访,请由客户本人扫码');
  if (!(await codes.consume(input.code))) throw used();

  const visit = await models.Visit.findById(found.visitId).lean<VisitDoc>();
  if (!visit) throw new NotFoundError('未找到该走访');
  try {
    await models.VisitConfirmation.create({
      _id: visit._id,
      openidHash: openidHash(services.config.dataKeys.indexKey, openid),
      confirmedAt: now,
      managerId: visit.recordedBy,
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    throw new AppError(409, ERROR_IDS.visitAlreadyConfirmed, '该走访已由客户确认');
  }
  await models.Visit.updateOne({ _id: visit._id }, { $set: { confirmedAt: now, 'proof.level': 'confirmed' } });
  const manager = await models.User.findById(visit.recordedBy, { name: 1 }).lean<{ name: string }>();
  return {
    visitId: String(visit._id),
    confirmedAt: now.toISOString(),
    managerName: manager?.name ?? '',
    visitedAt: visit.at.toISOString(),
  };
}

/** A keyed hash of an openid (the blind-index key, its own label). */
export function openidHash(indexKey: Buffer, openid: string): string {
  return createHmac('sha256', indexKey).update(`openid:${openid}`).digest('base64url');
}

import { ERROR_IDS, type VisitConfirmationTicket } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { DataScope } from '../policies/scope';
import type { VisitDoc } from '../models/Visit';
import { AppError, NotFoundError } from '../src/errors';
import { WechatApiError } from '../clients/wechatClient';
import { VisitConfirmCodes } from '../visits/confirmCodes';

/** The customer-side page the code opens (ROUTES.visitConfirm without its leading slash). */
export const VISIT_CONFIRM_PAGE = 'subpackages/evidence/pages/confirm/index';

/**
 * Issues a short-lived, single-use code for the customer to confirm a visit, drawn as a
 * mini-program code by WeChat (wxa/getwxacodeunlimit, scene = the code). Only the manager
 * who made the visit may ask, and only while it is unconfirmed.
 */
export async function requestVisitConfirmation(
  services: Pick<Services, 'redis' | 'config' | 'wechat' | 'logger'>,
  user: AuthUser,
  scope: DataScope,
  visitId: string,
): Promise<VisitConfirmationTicket> {
  const visit = await scope.visits.findById(visitId).lean<VisitDoc>();
  if (!visit) throw new NotFoundError('未找到该走访');
  if (String(visit.recordedBy) !== user.id) throw new AppError(403, ERROR_IDS.forbidden, '只有走访的客户经理可以请客户确认');
  if (visit.confirmedAt) throw new AppError(409, ERROR_IDS.visitAlreadyConfirmed, '该走访已由客户确认');

  const codes = new VisitConfirmCodes(services.redis, services.config.redisPrefix);
  const { code, expiresAt } = await codes.issue(String(visit._id));
  const png = await services.wechat
    .getUnlimitedQrCode({ scene: code, page: VISIT_CONFIRM_PAGE, envVersion: services.config.env === 'production' ? 'release' : 'develop' })
    .catch((err: unknown) => {
      services.logger.warn(
        { err: err instanceof WechatApiError ? `${err.errcode} ${err.message}` : String(err) },
        'getwxacodeunlimit failed',
      );
      throw new AppError(503, ERROR_IDS.wechatUnavailable, '微信服务暂不可用,请稍后重试');
    });
  return {
    code,
    expiresAt: expiresAt.toISOString(),
    qrImage: `data:image/png;base64,${png.toString('base64')}`,
    page: `/${VISIT_CONFIRM_PAGE}?scene=${code}`,
  };
}

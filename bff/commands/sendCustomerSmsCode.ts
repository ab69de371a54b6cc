import { ERROR_IDS, maskPhone, type CustomerSmsCodeRequest, type SmsCodeSent } from '@sunshine/shared';
import type { Services } from '../src/context';
import { AppError } from '../src/errors';
import { assertCardAvailable, loadShareCard } from './signInCustomer';

/**
 * Sends a one-time sign-in code by SMS for an H5 customer. The card is checked first (a
 * stranger's card or an expired one sends nothing). The code exists in clear only in this
 * function and the gateway request: it is neither logged nor returned.
 */
export async function sendCustomerSmsCode(
  services: Pick<Services, 'models' | 'crypto' | 'customerPortal' | 'config' | 'logger'>,
  input: CustomerSmsCodeRequest,
): Promise<SmsCodeSent> {
  const card = await loadShareCard(services, input.shareCode);
  await assertCardAvailable(services, card, { kind: 'phone', phone: input.phone });

  const { otp, sms } = services.customerPortal;
  const phoneIndex = services.crypto.blindIndex('phone', input.phone);
  const issued = await otp.issue(phoneIndex);
  if (!issued.ok) {
    const message = issued.reason === 'daily_limit' ? '今日验证码发送次数已达上限,请明天再试' : '验证码发送过于频繁,请稍后再试';
    throw new AppError(429, ERROR_IDS.rateLimited, message, {
      headers: { 'Retry-After': String(issued.retryAfterSec) },
      data: { retryAfterSec: issued.retryAfterSec },
    });
  }
  const minutes = Math.round(services.config.customer.sms.codeTtlSec / 60);
  try {
    await sms.send(input.phone, `【泰兴农商行】您的登录验证码为${issued.code},${minutes}分钟内有效。工作人员不会向您索取验证码,请勿泄露。`);
  } catch (err) {
    await otp.discard(phoneIndex);
    services.logger.warn({ err: (err as Error).message }, 'sms gateway failed');
    throw new AppError(503, ERROR_IDS.smsUnavailable, '短信发送失败,请稍后再试');
  }
  return {
    sent: true,
    phoneMasked: maskPhone(input.phone),
    resendAfterSec: services.config.customer.sms.resendSec,
    expiresInSec: services.config.customer.sms.codeTtlSec,
  };
}

/** Checks and consumes a code; throws the error the customer should see. */
export async function verifyCustomerSmsCode(
  services: Pick<Services, 'crypto' | 'customerPortal'>,
  phone: string,
  code: string,
): Promise<void> {
  const result = await services.customerPortal.otp.verify(services.crypto.blindIndex('phone', phone), code);
  if (result === 'ok') return;
  if (result === 'burnt') throw new AppError(429, ERROR_IDS.smsCodeTooManyAttempts, '验证码错误次数过多,请重新获取', { field: 'code' });
  if (result === 'expired') throw new AppError(401, ERROR_IDS.smsCodeInvalid, '验证码已失效,请重新获取', { field: 'code' });
  throw new AppError(401, ERROR_IDS.smsCodeInvalid, '验证码错误', { field: 'code' });
}

import { ERROR_IDS } from '@sunshine/shared';
import type { Services } from '../src/context';
import type { UserDoc } from '../models/User';
import { AppError, LockedError } from '../src/errors';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import { recordAudit, type AuditMeta } from './recordAudit';

/**
 * Checks a username and password with lockout (等保 2.0): after `maxFailures` consecutive
 * failures the account is locked for `lockMinutes`; an attempt while locked answers 423
 * without checking the password. Every step is a single atomic update on the user document.
 */
export async function authenticatePassword(
  services: Pick<Services, 'models' | 'config'>,
  username: string,
  password: string,
  meta: AuditMeta,
  now: Date = new Date(),
): Promise<UserDoc> {
  const { User } = services.models;
  const { maxFailures, lockMinutes } = services.config.lockout;
  let user = await User.findOne({ username }).lean<UserDoc>();

  if (!user || !user.active) {
    await verifyPassword(await decoyPasswordHash(), password);
    await recordAudit(services.models, { ...meta, event: 'auth.login', outcome: 'failure', username, details: { reason: 'unknown_user' } });
    throw invalidCredentials();
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(services.models, { ...meta, event: 'auth.login', outcome: 'failure', userId: String(user._id), username, details: { reason: 'locked' } });
    throw new LockedError(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  if (user.lockedUntil) {
    // The lock has run out: the count starts again.
    user = (await User.findOneAndUpdate({ _id: user._id }, { $set: { failedLogins: 0, lockedUntil: null } }, { new: true }).lean<UserDoc>())!;
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    const updated = await User.findOneAndUpdate({ _id: user._id }, { $inc: { failedLogins: 1 } }, { new: true }).lean<UserDoc>();
    const failures = updated?.failedLogins ?? maxFailures;
    if (failures >= maxFailures) {
      await User.updateOne({ _id: user._id }, { $set: { lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) } });
    }
    await recordAudit(services.models, {
      ...meta,
      event: 'auth.login',
      outcome: 'failure',
      userId: String(user._id),
      username,
      details: { reason: 'bad_password', failures, locked: failures >= maxFailures },
    });
    throw invalidCredentials();
  }

  await User.updateOne({ _id: user._id }, { $set: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
  return user;
}

function invalidCredentials(): AppError {
  return new AppError(401, ERROR_IDS.invalidCredentials, '用户名或密码错误');
}

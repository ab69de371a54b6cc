import { ERROR_IDS } from '@sunshine/shared';
import mongoose from 'mongoose';
import type { Services } from '../src/context';
import type { UserDoc } from '../models/User';
import { AppError, LockedError } from '../src/errors';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import { recordAudit, type AuditMeta } from './recordAudit';

/**
 * Checks a username and password with lockout (等保 2.0): after `maxFailures` consecutive
 * failures the account is locked for `lockMinutes`; an attempt while locked answers 423
 * without checking the password.
 *
 * Each failure is an inserted LoginFailure row and the count is read back, because
 * inserts are the one write FerretDB 1.x applies atomically under concurrency (see
 * docs/mongodb-subset.md): parallel guesses are all counted.
 */
export async function authenticatePassword(
  services: Pick<Services, 'models' | 'config'>,
  username: string,
  password: string,
  meta: AuditMeta,
  now: Date = new Date(),
): Promise<UserDoc> {
  const { User, LoginFailure } = services.models;
  const { maxFailures, lockMinutes } = services.config.lockout;
  let user = await User.findOne({ username }).lean<UserDoc>();

  if (!user || !user.active) {
    await verifyPassword(await decoyPasswordHash(), password);
    await recordAudit(services.models, { ...meta, event: 'auth.login', outcome: 'failure', username, details: { reason: 'unknown_user' } });
    throw invalidCredentials();
  }

  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(services.models, {
      ...meta,
      event: 'auth.login',
      outcome: 'failure',
      userId: String(user._id),
      username,
      details: { reason: 'locked' },
    });
    throw new LockedError(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  if (user.lockedUntil) {
    // The lock has run out: failures are counted afresh from its end.
    await User.updateOne({ _id: user._id }, { $set: { failuresSince: user.lockedUntil, lockedUntil: null } });
    user = { ...user, failuresSince: user.lockedUntil, lockedUntil: null };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    await LoginFailure.create({ userId: user._id, at: now });
    const failures = await LoginFailure.countDocuments({
      userId: user._id,
      at: mongoose.trusted({ $gte: user.failuresSince ?? new Date(0) }),
    });
    const locked = failures >= maxFailures;
    if (locked) await User.updateOne({ _id: user._id }, { $set: { lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) } });
    await recordAudit(services.models, {
      ...meta,
      event: 'auth.login',
      outcome: 'failure',
      userId: String(user._id),
      username,
      details: { reason: 'bad_password', failures, locked },
    });
    throw invalidCredentials();
  }

  // Failures before this success no longer count (they must be consecutive).
  await User.updateOne({ _id: user._id }, { $set: { failuresSince: new Date(now.getTime() + 1), lockedUntil: null, lastLoginAt: now } });
  return user;
}

function invalidCredentials(): AppError {
  return new AppError(401, ERROR_IDS.invalidCredentials, '用户名或密码错误');
}

import { ERROR_IDS, type ErrorId } from '@sunshine/shared';

/**
 * Typed errors with stable ids. Handlers and commands throw these; the single error
 * middleware (src/middleware/errorHandler.ts) turns them into the API's error shape.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: ErrorId,
    message: string,
    readonly extra: { field?: string; fields?: string[]; headers?: Record<string, string>; data?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields: string[]) {
    super(400, ERROR_IDS.validation, message, { field: fields[0], fields });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(id: ErrorId = ERROR_IDS.unauthenticated, message = '请先登录') {
    super(401, id, message, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作') {
    super(403, ERROR_IDS.forbidden, message);
  }
}

/** Also used for "exists but outside your data scope", so the two can't be told apart. */
export class NotFoundError extends AppError {
  constructor(message = '未找到') {
    super(404, ERROR_IDS.notFound, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(409, ERROR_IDS.conflict, message, { field });
  }
}

export class LockedError extends AppError {
  constructor(retryAfterSec: number) {
    super(423, ERROR_IDS.locked, '账号已锁定,请15分钟后再试', { headers: { 'Retry-After': String(retryAfterSec) } });
  }
}

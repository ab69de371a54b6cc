import type { Middleware } from 'koa';
import mongoose from 'mongoose';
import { ERROR_IDS, type ErrorBody } from '@sunshine/shared';
import { AppError } from '../errors';
import type { AppState, AppContext } from '../context';

/**
 * The one place errors become responses (koa's error-handling guide, outline's errors.ts).
 * Known errors keep their status and stable id; mongoose validation/cast errors and
 * duplicate keys (11000) are mapped; anything else is a generic 500 logged with the request
 * id. Stack traces and internal messages never reach the client.
 */
export function errorHandler(): Middleware<AppState, AppContext> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, ERROR_IDS.notFound, '未找到');
      }
    } catch (err) {
      const { status, body, headers } = toResponse(err);
      if (status >= 500) ctx.log.error({ err }, 'unhandled error');
      ctx.status = status;
      for (const [k, v] of Object.entries(headers)) ctx.set(k, v);
      ctx.body = body;
    }
  };
}

function toResponse(err: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (err instanceof AppError) {
    const { field, fields, headers = {}, data } = err.extra;
    return {
      status: err.status,
      body: { error: { ...data, id: err.id, message: err.message, ...(field ? { field } : {}), ...(fields ? { fields } : {}) } },
      headers,
    };
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const fields = Object.keys(err.errors);
    return {
      status: 400,
      body: { error: { id: ERROR_IDS.validation, message: `字段 ${fields[0]} 无效`, field: fields[0], fields } },
      headers: {},
    };
  }
  if (err instanceof mongoose.Error.CastError) {
    return {
      status: 400,
      body: { error: { id: ERROR_IDS.validation, message: `字段 ${err.path} 无效`, field: err.path } },
      headers: {},
    };
  }
  if (isDuplicateKey(err)) {
    const field = Object.keys(err.keyPattern ?? {})[0];
    return {
      status: 409,
      body: { error: { id: ERROR_IDS.conflict, message: '记录已存在', ...(field ? { field } : {}) } },
      headers: {},
    };
  }
  // koa-bodyparser / raw-body errors carry an HTTP status and a type.
  if (isHttpError(err)) {
    if (err.status === 413) {
      return { status: 413, body: { error: { id: ERROR_IDS.bodyTooLarge, message: '请求体过大' } }, headers: {} };
    }
    if (err.status >= 400 && err.status < 500) {
      return { status: 400, body: { error: { id: ERROR_IDS.validation, message: '请求格式错误', field: 'body' } }, headers: {} };
    }
  }
  return { status: 500, body: { error: { id: ERROR_IDS.internal, message: '服务器内部错误' } }, headers: {} };
}

function isDuplicateKey(err: unknown): err is { code: number; keyPattern?: Record<string, unknown> } {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

function isHttpError(err: unknown): err is { status: number; expose?: boolean } {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

import type Koa from 'koa';

/**
 * V7's error answers: `{"error":{"id","message"}}` with a stable id, like the BFF's, so one
 * client can branch on ids. Messages are Chinese, as the provincial system's are.
 */
export class V7Error extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new V7Error(400, 'v7.invalid_request', message, field);
export const notFound = (message = '记录不存在') => new V7Error(404, 'v7.not_found', message);

export function errorBody(id: string, message: string, field?: string): { error: { id: string; message: string; field?: string } } {
  return { error: { id, message, ...(field ? { field } : {}) } };
}

/** Turns thrown V7Errors into JSON answers; anything else is a 500 without internals. */
export function v7ErrorHandler(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof V7Error) {
        ctx.status = err.status;
        ctx.body = errorBody(err.id, err.message, err.field);
        return;
      }
      ctx.status = 500;
      ctx.body = errorBody('v7.internal', '系统内部错误');
      ctx.app.emit('error', err, ctx);
    }
  };
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

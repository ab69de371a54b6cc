import type { z } from 'zod';
import { badRequest } from './errors';

/** Parses a body against a shared V7 schema; a failure is a 400 naming the first bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw badRequest(field ? `字段 ${field} 无效:${issue?.message ?? ''}` : '请求内容无效', field);
}

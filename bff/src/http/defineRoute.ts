import type Router from '@koa/router';
import { z } from 'zod';
import { ValidationError } from '../errors';
import type { AppContext, AppState, AuthUser, Ctx } from '../context';
import type { PolicyName } from '../../policies/policies';
import { authorize } from '../../policies/policies';
import { authenticate } from '../middleware/authenticate';
import type { DataScope } from '../../policies/scope';

/**
 * One declaration per endpoint: its schemas (from shared/), the policy it needs and its
 * handler. The same declaration mounts the Koa route, validates input at the edge, and
 * feeds the OpenAPI document, so the documented contract and the enforced one are one thing.
 */
export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** Longer text for the OpenAPI document (definitions, caveats); optional. */
  description?: string;
  tags: string[];
  /** A named policy, or 'public' for unauthenticated endpoints. */
  policy: PolicyName | 'public';
  body?: B;
  query?: Q;
  params?: P;
  /** `contentType` documents a non-JSON body (a file download); the default is application/json. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (ctx: Ctx, input: RouteInput<B, Q, P>) => Promise<void>;
}

export interface RouteInput<B, Q, P> {
  body: z.infer<B>;
  query: z.infer<Q>;
  params: z.infer<P>;
  user: AuthUser;
  scope: DataScope;
}

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** Every declared route, for the OpenAPI generator. */
export const routeRegistry: AnyRouteSpec[] = [];

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const fields = [...new Set(issues.map((i) => (i.path.length ? i.path.join('.') : where)))];
  const first = issues[0];
  const label = fields[0] ?? where;
  throw new ValidationError(`${label}: ${first?.message ?? '无效'}`, fields);
}

export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
>(router: Router<AppState, AppContext>, spec: RouteSpec<B, Q, P>): void {
  if (!routeRegistry.includes(spec as unknown as AnyRouteSpec)) routeRegistry.push(spec as unknown as AnyRouteSpec);
  const koaPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
  const middlewares = spec.policy === 'public' ? [] : [authenticate()];
  router[spec.method](koaPath, ...middlewares, async (ctx) => {
    const c = ctx as unknown as Ctx;
    if (spec.policy !== 'public') authorize(c.state.user!, spec.policy);
    const input = {
      params: parse(spec.params, ctx.params, 'params'),
      query: parse(spec.query, ctx.query, 'query'),
      body: parse(spec.body, (ctx.request as { body?: unknown }).body ?? {}, 'body'),
      user: c.state.user!,
      scope: c.state.scope!,
    } as RouteInput<B, Q, P>;
    await spec.handler(c, input);
  });
}

import { z } from 'zod';
import { routeRegistry } from './defineRoute';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas every route declares
 * (zod 4's JSON Schema output is JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') => hoist(jsonSchema(schema, io), components);
  const parameters = (schema: z.ZodType | undefined, where: 'path' | 'query') => parametersOf(schema, where);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routeRegistry) {
    const path = `/api/v1${r.path}`;
    const op: Record<string, unknown> = {
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      operationId: `${r.method}${r.path
        .replace(/[{}]/g, '')
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/\W/g, '')}`,
      ...(r.policy === 'public' ? { security: [] } : { 'x-policy': r.policy }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, res]) => [
          status,
          {
            description: res.description,
            ...(res.schema ? { content: { 'application/json': { schema: toSchema(res.schema, 'output') } } } : {}),
            ...(res.contentType ? { content: { [res.contentType]: { schema: { type: 'string', format: 'binary' } } } } : {}),
          },
        ]),
      ),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '阳光金融营销平台 BFF',
      version: '1.0.0',
      description: 'Staff and customer API of the Sunshine Finance marketing platform. Errors: {"error":{"id","message","field"?}}.',
    },
    servers: [{ url: '/' }],
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>;
}

/**
 * Schemas named with `.meta({ id })` come out as `$defs`; OpenAPI wants them under
 * components.schemas, referenced from there.
 */
function hoist(json: Record<string, unknown>, components: Record<string, unknown>): unknown {
  const { $defs, $schema: _ignored, ...rest } = json as { $defs?: Record<string, unknown>; $schema?: string };
  for (const [name, def] of Object.entries($defs ?? {})) components[name] = rewriteRefs(def);
  return rewriteRefs(rest);
}

function rewriteRefs(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\//g, '"#/components/schemas/'));
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

import { z } from 'zod';

/** Paging query used by every list endpoint; pageSize is capped so a list can't dump a table. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const errorResponseSchema = z
  .object({
    error: z.object({
      id: z.string(),
      message: z.string(),
      field: z.string().optional(),
      fields: z.array(z.string()).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** A 24-hex-character document id. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '无效的编号');

export const idParamsSchema = z.object({ id: objectIdSchema });

/** Build the paged response shape `{data, total}` for an item schema. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int() });
}

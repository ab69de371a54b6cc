import { z } from 'zod';
import { sessionUserSchema } from './auth';

export const meResponseSchema = z
  .object({
    user: sessionUserSchema.extend({ branchName: z.string().nullable() }),
    scope: z.enum(['all', 'branch', 'own']),
    summary: z.object({
      households: z.number().int(),
      villages: z.number().int(),
      managers: z.number().int().optional(),
      branches: z.number().int().optional(),
    }),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meResponseSchema>;

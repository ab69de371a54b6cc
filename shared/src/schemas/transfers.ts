import { z } from 'zod';
import { objectIdSchema } from './common';

/** Hand a leaving manager's grid and customers to another manager of the same branch. */
export const managerTransferRequestSchema = z
  .object({
    toManagerId: objectIdSchema,
    reason: z.string().trim().min(2, '请填写移交原因').max(200, '原因过长'),
    /** Deactivate the leaving manager and end their sessions (default yes). */
    deactivate: z.boolean().default(true),
  })
  .meta({ id: 'ManagerTransferRequest' });
export type ManagerTransferRequest = z.infer<typeof managerTransferRequestSchema>;

export const TRANSFER_STATUSES = ['running', 'completed'] as const;

export const managerTransferSchema = z
  .object({
    id: z.string(),
    fromManagerId: z.string(),
    toManagerId: z.string(),
    branchId: z.string(),
    status: z.enum(TRANSFER_STATUSES),
    reason: z.string(),
    /** Documents re-assigned per step (grids, households, visits, ...), summed over runs. */
    moved: z.record(z.string(), z.number().int()),
    stepsDone: z.array(z.string()),
    deactivated: z.boolean(),
    attempts: z.number().int(),
    startedAt: z.string(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'ManagerTransfer' });
export type ManagerTransfer = z.infer<typeof managerTransferSchema>;

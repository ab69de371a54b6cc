import type { z } from 'zod';
import type { CreateVisit, visitSchema } from '@sunshine/shared';
import { request } from './request';

export type Visit = z.infer<typeof visitSchema>;

/** Idempotent on `clientId`: a resend answers 200 with the visit recorded the first time. */
export function createVisit(body: CreateVisit): Promise<Visit> {
  return request<Visit>({ method: 'POST', path: '/visits', data: body });
}

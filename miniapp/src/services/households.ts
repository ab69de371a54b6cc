import type { HouseholdListQuery } from '@sunshine/shared';
import type { z } from 'zod';
import type { householdListResponseSchema, householdSummarySchema } from '@sunshine/shared';
import { request } from './request';

/** A household as lists show it: the BFF has already masked names and phones. */
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;
export type HouseholdPage = z.infer<typeof householdListResponseSchema>;

export const DEFAULT_PAGE_SIZE = 20;

/** One page of the households within the caller's data scope. */
export function listHouseholds(query: Partial<HouseholdListQuery> = {}): Promise<HouseholdPage> {
  return request<HouseholdPage>({
    path: '/households',
    query: {
      page: query.page ?? 1,
      pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
      q: query.q,
      villageCode: query.villageCode,
      status: query.status,
    },
  });
}

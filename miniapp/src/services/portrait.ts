import type { HouseholdPortrait } from '@sunshine/shared';
import { request } from './request';

/** 客户画像 of one household (staff, within their data scope). */
export function getPortrait(householdId: string): Promise<HouseholdPortrait> {
  return request<HouseholdPortrait>({ path: `/households/${householdId}/portrait` });
}

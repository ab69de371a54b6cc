import type { ManagerStats } from '@sunshine/shared';
import { request } from './request';

/** The manager's own figures: visits this week and month, households filed, village coverage. */
export function fetchMyStats(): Promise<ManagerStats> {
  return request<ManagerStats>({ path: '/me/stats' });
}

import type { FunnelQuery, FunnelReport } from '@sunshine/shared';
import { download, request } from './request';

/**
 * The funnel report (营销漏斗) of the caller's scope: a branch president's branch, head office
 * all branches or the one it names. Days are China time, both inclusive.
 */
export function fetchFunnelReport(query: FunnelQuery): Promise<FunnelReport> {
  return request<FunnelReport>({ path: '/reports/funnel', query: { ...query } });
}

/** The same report as an Excel file, downloaded to a local path (weapp temp file, or H5 blob URL). */
export function downloadFunnelWorkbook(query: FunnelQuery): Promise<{ tempFilePath: string }> {
  return download({ path: '/reports/funnel.xlsx', query: { ...query } });
}

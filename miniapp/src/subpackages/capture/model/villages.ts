import { listHouseholds } from '../../../services/households';
import type { Option } from './labels';

/**
 * The villages a manager files in. The BFF has no list of a manager's grid villages yet, so
 * they are read off the manager's own households (the list is already scoped to their grid).
 */
export async function loadVillageOptions(extra?: { code: string; name: string }): Promise<Option[]> {
  const page = await listHouseholds({ page: 1, pageSize: 100 });
  const byCode = new Map<string, string>();
  for (const h of page.data) byCode.set(h.villageCode, `${h.townName}${h.villageName}`);
  if (extra && !byCode.has(extra.code)) byCode.set(extra.code, extra.name);
  return [...byCode].sort(([a], [b]) => a.localeCompare(b)).map(([value, label]) => ({ value, label }));
}

import type { V7Client } from '../clients/v7Client';
import type { V7CheckResult, V7Checks } from './v7Checks';
import { checkDate } from './v7Checks';

/**
 * The credit flow's V7 port over the real V7 client: both checks in parallel, V7's
 * timestamps turned into China calendar dates (what the model compares). A check V7 did not
 * answer is null, so the model says `incomplete` (R10); when neither answered, 'unavailable'.
 */
export function v7CheckSource(client: Pick<V7Client, 'checks'>): V7Checks {
  return {
    async check(idNumber) {
      const { provincialWarning, judicial } = await client.checks(idNumber);
      if (!provincialWarning.ok && !judicial.ok) return 'unavailable';
      const result: V7CheckResult = {
        provincialWarning: provincialWarning.ok
          ? { level: provincialWarning.value.level, checkedAt: checkDate(provincialWarning.value.checkedAt) }
          : null,
        judicial: judicial.ok
          ? {
              dishonestDebtor: judicial.value.dishonestDebtor,
              enforcement: judicial.value.enforcement,
              frozenAssets: judicial.value.frozenAssets,
              checkedAt: checkDate(judicial.value.checkedAt),
            }
          : null,
      };
      return result;
    },
  };
}

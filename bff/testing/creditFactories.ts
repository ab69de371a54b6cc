import type { Types } from 'mongoose';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { TestApp } from './testApp';
import { buildHousehold, buildIdNumber } from './factories';
import { CachedV7Checks, type V7CheckResult } from '../creditFacts/v7Checks';
import { chinaDate } from '../creditFacts/chinaDate';

/**
 * Test data for the credit flow. Dates are relative to today in China, because the BFF
 * evaluates "as of today" and the model refuses checks older than 30 days.
 */
let seq = 0;

/** Today in China shifted by `days`. */
export function chinaDay(days = 0): string {
  return chinaDate(new Date(Date.now() + days * 86_400_000));
}

/**
 * A household whose head (born 1980-05-17, junior high, married) scores 59 (grade B) from the
 * file alone: net income 62,000, assets 520,000, debts 80,000. Without ODS data the limit is
 * 20,000 + 52,000 + 18,600 → 90,000: a pass with one approval level.
 */
export async function buildCreditHousehold(
  models: Models,
  crypto: FieldCrypto,
  overrides: { managerId: Types.ObjectId; branchId?: string; idNumber?: string },
) {
  const idNumber = overrides.idNumber ?? buildIdNumber('1980-05-17', 200 + (++seq % 700));
  const household = await buildHousehold(models, crypto, {
    managerId: overrides.managerId,
    branchId: overrides.branchId ?? '01',
    idNumber,
  });
  return { household, id: String(household._id), idNumber, idIndex: crypto.blindIndex('id', idNumber) };
}

/** A completed ODS import date with one person's snapshot on it. */
export async function buildOdsSnapshot(
  models: Models,
  idIndex: string,
  businessDate: string,
  overrides: Partial<{
    avg1y: number;
    ebank: boolean;
    wealth: number;
    openDate: string | null;
    loanBalance: number;
    overdueAmount: number;
    overdueDays: number;
    warningScore: number | null;
    blacklist: boolean;
    graylist: boolean;
    dibao: boolean;
  }> = {},
) {
  await models.OdsImport.updateOne(
    { _id: businessDate },
    { $setOnInsert: { status: 'completed', dir: 'test', startedAt: new Date(), finishedAt: new Date() } },
    { upsert: true },
  );
  const o = overrides;
  return models.OdsSnapshot.create({
    _id: `${businessDate}|${idIndex}`,
    businessDate,
    idIndex,
    idMasked: '3212**********0000',
    customerNo: `C${String(++seq).padStart(8, '0')}`,
    openDate: o.openDate === undefined ? '2015-03-01' : o.openDate,
    deposit: { demand: 10_000, time: 50_000, total: 60_000, avg1y: o.avg1y ?? 60_000 },
    loan: {
      count: o.loanBalance ? 1 : 0,
      balance: o.loanBalance ?? 0,
      overdueAmount: o.overdueAmount ?? 0,
      overdueDays: o.overdueDays ?? 0,
      firstLoanDate: null,
    },
    wealth: { balance: o.wealth ?? 0 },
    ebank: { ebank: o.ebank ?? true, mobile: false },
    warningScore: o.warningScore === undefined ? 10 : o.warningScore,
    lists: {
      blacklist: o.blacklist ?? false,
      graylist: o.graylist ?? false,
      dibao: o.dibao ?? false,
      blacklistReason: null,
      graylistReason: null,
    },
    sources: ['customers'],
  });
}

/** Clean V7 checks dated `checkedAt` (today by default). */
export function buildV7Checks(overrides: Partial<V7CheckResult> & { checkedAt?: string } = {}): V7CheckResult {
  const checkedAt = overrides.checkedAt ?? chinaDay();
  return {
    provincialWarning: overrides.provincialWarning ?? { level: 'none', checkedAt },
    judicial: overrides.judicial ?? { dishonestDebtor: false, enforcement: false, frozenAssets: false, checkedAt },
  };
}

/**
 * Puts a V7 answer into the app's real Redis check cache, as a V7 call would have: the
 * evaluation then takes the cache path and never calls V7.
 */
export async function warmV7Checks(t: TestApp, idIndex: string, result: V7CheckResult = buildV7Checks()): Promise<void> {
  const cache = new CachedV7Checks({ redis: t.redis, keyPrefix: t.config.redisPrefix, source: { check: async () => 'unavailable' } });
  await cache.remember(idIndex, result);
}

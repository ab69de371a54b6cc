import { addDays } from '../ods/isoDate';
import { buildBankProfile, overdueDaysOn, type BankProfile } from './bankProfile';
import type { FactoryContext, ListEntry } from './householdFactory';
import { allocateIdentity, mobilePhone } from './identity';
import { Rng } from './random';

/**
 * Customers of the bank who are in no household file yet (townspeople, people from outside
 * the villages on file): the ODS has them, the household collection does not, so the import
 * must cope with ID numbers that link to nothing. About one for every eight households.
 */
export const WALK_IN_PER_HOUSEHOLD = 0.125;

export interface WalkInCustomer {
  idNumber: string;
  name: string;
  phone: string | null;
  profile: BankProfile;
  lists: ListEntry[];
}

/** Customer numbers after every household's (2xxxxxxxx0 > 1xxxxxxxxx), keeping the files sorted. */
export function walkInCustomerNo(k: number): string {
  return `2${String(k).padStart(8, '0')}0`;
}

export function buildWalkInCustomer(ctx: FactoryContext, k: number): WalkInCustomer {
  const rng = new Rng(ctx.seed, 'walk-in', k);
  const age = rng.int(20, 80);
  const gender = rng.chance(0.5) ? 'male' : 'female';
  const { idNumber, birthDate } = allocateIdentity(ctx.ids, rng, age, gender, ctx.asOf);
  const name = ctx.names.fullName(rng, gender, age);
  const profile = buildBankProfile(rng, {
    customerNo: walkInCustomerNo(k),
    age,
    birthDate,
    householdNetIncome: rng.logNormal(70_000, 0.5),
    business: rng.chance(0.15),
    asOf: ctx.asOf,
  });
  const lists: ListEntry[] = [];
  const overdue = overdueDaysOn(profile, ctx.asOf);
  if ((overdue >= 90 && rng.chance(0.5)) || rng.chance(0.007)) {
    lists.push({
      list: 'blacklist',
      idNumber,
      name,
      reason: overdue >= 90 ? '贷款逾期90天以上' : '法院失信被执行人',
      listedDate: addDays(ctx.asOf, -rng.int(1, 600)),
    });
  } else if ((overdue > 0 && rng.chance(0.4)) || rng.chance(0.017)) {
    lists.push({
      list: 'graylist',
      idNumber,
      name,
      reason: overdue > 0 ? '贷款逾期' : '多头借贷',
      listedDate: addDays(ctx.asOf, -rng.int(1, 600)),
    });
  }
  return { idNumber, name, phone: rng.chance(0.95) ? mobilePhone(rng) : null, profile, lists };
}

import {
  maskName,
  NO_CREDIT_STATUS,
  PRODUCT_LABELS,
  type CreditStatus,
  type HouseholdPortrait,
  type PortraitFigures,
  type PortraitSeries,
} from '@sunshine/shared';
import { evaluateTags } from './tagEngine';
import { householdFacts, memberFacts, sumFigures, type MemberOds } from './portraitFacts';
import { PORTRAIT_TAG_RULES } from './tagRules';

/**
 * Assembles the portrait a client sees from plain inputs (pure): the household file (for
 * names and masks), the precomputed ODS figures by blind index, the visits and the credit
 * status. Only stored masks reach the output, so no clear ID number or phone can leak.
 */
export interface PortraitInputs {
  household: {
    id: string;
    householdNo: string;
    headName: string;
    members: ReadonlyArray<{
      id: string;
      relation: HouseholdPortrait['members'][number]['relation'];
      name: string;
      idIndex: string;
      idMasked: string;
    }>;
  };
  ods: { businessDate: string; members: ReadonlyArray<MemberOds & { idIndex: string }>; series: PortraitSeries } | null;
  visits: HouseholdPortrait['visits'];
  visitsTotal: number;
  creditStatus?: CreditStatus;
}

const EMPTY_SERIES: PortraitSeries = { dates: [], deposits: [], loans: [], wealth: [] };

export function presentPortrait(input: PortraitInputs): HouseholdPortrait {
  const byIndex = new Map((input.ods?.members ?? []).map((m) => [m.idIndex, m]));
  const members = input.household.members.map((m) => ({ member: m, ods: byIndex.get(m.idIndex) ?? null }));
  const series = input.ods?.series ?? EMPTY_SERIES;
  const known = members.map((m) => m.ods).filter((o): o is NonNullable<typeof o> => o !== null);
  const tags = evaluateTags(PORTRAIT_TAG_RULES, {
    household: householdFacts(
      members.map((m) => m.ods),
      series,
    ),
    members: members.map((m) => ({ memberId: m.member.id, facts: memberFacts(m.ods) })),
  });
  return {
    householdId: input.household.id,
    householdNo: input.household.householdNo,
    headName: maskName(input.household.headName),
    businessDate: input.ods?.businessDate ?? null,
    household: sumFigures(known.map((k) => k.figures)),
    members: members.map(({ member, ods }) => ({
      memberId: member.id,
      relation: member.relation,
      name: maskName(member.name),
      idNumber: member.idMasked,
      figures: ods ? (clean(ods.figures) as PortraitFigures) : null,
    })),
    series,
    tags: tags.map((t) => ({ ...t, productLabel: t.product ? PRODUCT_LABELS[t.product] : null })),
    rulesVersion: PORTRAIT_TAG_RULES.version,
    visits: input.visits,
    visitsTotal: input.visitsTotal,
    creditStatus: input.creditStatus ?? NO_CREDIT_STATUS,
  };
}

/** The figures with exactly the schema's fields (stored documents may carry more). */
function clean(f: PortraitFigures): PortraitFigures {
  return {
    deposit: { demand: f.deposit.demand, time: f.deposit.time, total: f.deposit.total, avg1y: f.deposit.avg1y },
    loan: { count: f.loan.count, balance: f.loan.balance, overdueAmount: f.loan.overdueAmount, overdueDays: f.loan.overdueDays },
    wealth: { balance: f.wealth.balance },
    ebank: { ebank: f.ebank.ebank, mobile: f.ebank.mobile },
  };
}

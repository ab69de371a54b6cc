import { maskName } from '@sunshine/shared';
import type { HouseholdDoc } from '../models/Household';
import type { RegionDoc } from '../models/Region';

/**
 * Households as clients see them: names, ID numbers and phones masked. The presenter only
 * ever reads the stored masks, never ciphertext, so it cannot leak a clear value.
 */
export type RegionNames = Map<string, Pick<RegionDoc, 'name' | 'townCode'>>;

export function presentHouseholdSummary(h: HouseholdDoc, regions: RegionNames) {
  const head = h.members.find((m) => m.relation === 'head') ?? h.members[0];
  const village = regions.get(h.villageCode);
  return {
    id: String(h._id),
    householdNo: h.householdNo,
    headName: maskName(h.headName),
    headPhone: head?.phoneMasked ?? null,
    villageCode: h.villageCode,
    villageName: village?.name ?? '',
    townName: village?.townCode ? (regions.get(village.townCode)?.name ?? '') : '',
    memberCount: h.members.length,
    managerId: String(h.managerId),
    branchId: h.branchId,
    lastVisitAt: h.lastVisitAt ? h.lastVisitAt.toISOString() : null,
    nextFollowUp: h.nextFollowUp ?? null,
  };
}

/**
 * The file's money and soft information, whole, so the form can edit the file as a whole.
 * Files imported before a part existed get that part's defaults rather than a gap.
 */
function presentHouseholdMoney(h: HouseholdDoc) {
  const f = h.finance;
  const a = h.assets;
  const n = (v: number | null | undefined) => v ?? 0;
  const item = (x: { kind: string; count?: number | null; value?: number | null }) => ({
    kind: x.kind,
    count: n(x.count),
    value: n(x.value),
  });
  return {
    finance: {
      annualIncome: n(f?.annualIncome),
      netIncome: n(f?.netIncome),
      perCapitaIncome: n(f?.perCapitaIncome),
      annualSpending: n(f?.annualSpending),
      mainBusiness: f?.mainBusiness ?? '',
      incomeSource: f?.incomeSource ?? '',
      businessScale: f?.businessScale ?? '',
      workingCapital: n(f?.workingCapital),
    },
    assets: {
      houses: (a?.houses ?? []).map((x) => ({
        kind: x.kind,
        structure: x.structure ?? '',
        rooms: n(x.rooms),
        estate: x.estate ?? '',
        area: n(x.area),
        appraisedValue: n(x.appraisedValue),
      })),
      vehicles: (a?.vehicles ?? []).map(item),
      machinery: (a?.machinery ?? []).map(item),
      livestock: (a?.livestock ?? []).map(item),
      landArea: n(a?.landArea),
      depositsElsewhere: n(a?.depositsElsewhere),
      otherAssets: n(a?.otherAssets),
      totalAssets: n(a?.totalAssets),
      totalDebt: n(a?.totalDebt),
      netAssets: n(a?.netAssets),
    },
    debts: (h.debts ?? []).map((d) => ({ lender: d.lender, kind: d.kind, balance: n(d.balance) })),
    softInfo: { flags: [...(h.softInfo?.flags ?? [])], notes: h.softInfo?.notes ?? '' },
  };
}

export function presentHouseholdDetail(h: HouseholdDoc, regions: RegionNames) {
  return {
    ...presentHouseholdSummary(h, regions),
    address: h.address,
    members: h.members.map((m) => ({
      id: String((m as { _id?: unknown })._id),
      relation: m.relation,
      name: maskName(m.name),
      idNumber: m.idMasked,
      phone: m.phoneMasked ?? null,
      gender: m.gender,
      birthDate: m.birthDate,
      education: m.education,
      maritalStatus: m.maritalStatus,
      occupation: m.occupation ?? '',
    })),
    ...presentHouseholdMoney(h),
    version: h.version,
    updatedAt: (h as { updatedAt?: Date }).updatedAt?.toISOString() ?? '',
  };
}

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
    version: h.version,
    updatedAt: (h as { updatedAt?: Date }).updatedAt?.toISOString() ?? '',
  };
}

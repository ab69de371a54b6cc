import type { z } from 'zod';
import type { HouseholdFile, householdDetailSchema } from '@sunshine/shared';
import { request } from './request';

/**
 * The household file (一户一档) endpoints. Bodies are built from the shared schemas by the
 * form, so what the phone validates is exactly what the BFF validates.
 */
/** The whole file, personal fields masked: what the edit form starts from. */
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

export type CreateHouseholdBody = HouseholdFile & { clientId: string };
/** `clientId` identifies the edit: a resend of it is answered, not applied twice. */
export type UpdateHouseholdBody = HouseholdFile & { version: number; clientId: string };

export function getHousehold(id: string): Promise<HouseholdDetail> {
  return request<HouseholdDetail>({ path: `/households/${encodeURIComponent(id)}` });
}

/** Idempotent on `clientId`: a resend answers 200 with the household filed the first time. */
export function createHousehold(body: CreateHouseholdBody): Promise<HouseholdDetail> {
  return request<HouseholdDetail>({ method: 'POST', path: '/households', data: body });
}

/** 409 (`details.currentVersion`) when someone saved since `version` was read; idempotent on `clientId`. */
export function updateHousehold(id: string, body: UpdateHouseholdBody): Promise<HouseholdDetail> {
  return request<HouseholdDetail>({ method: 'PUT', path: `/households/${encodeURIComponent(id)}`, data: body });
}

/**
 * One member's ID number or phone in full, for the responsible manager only; the BFF writes
 * who saw it and why to the audit log.
 */
export function unmaskMember(
  householdId: string,
  memberId: string,
  field: 'idNumber' | 'phone',
  reason: string,
): Promise<{ value: string | null }> {
  return request<{ value: string | null }>({
    method: 'POST',
    path: `/households/${encodeURIComponent(householdId)}/members/${encodeURIComponent(memberId)}/unmask`,
    data: { field, reason },
  });
}

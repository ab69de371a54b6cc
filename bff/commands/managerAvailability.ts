import { maskPhone, type Availability, type AvailabilityResponse } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { ManagerAvailabilityDoc } from '../models/ManagerAvailability';

/**
 * A manager's weekly availability and work phone. Replaced as a whole by its only writer, the
 * manager, so a plain upsert is right here. Booked slots outside new windows stay booked:
 * existing appointments are the manager's to reschedule.
 */
export async function saveAvailability(
  services: Pick<Services, 'models' | 'crypto'>,
  user: AuthUser,
  input: Availability,
): Promise<AvailabilityResponse> {
  const phone = input.workPhone;
  const phoneFields =
    phone === undefined
      ? {}
      : { workPhoneCipher: phone ? services.crypto.encrypt(phone) : null, workPhoneMasked: phone ? maskPhone(phone) : null };
  await services.models.ManagerAvailability.updateOne(
    { _id: user.id },
    { $set: { branchId: user.branchId, windows: input.windows, ...phoneFields } },
    { upsert: true },
  );
  return loadAvailability(services, user.id);
}

export async function loadAvailability(services: Pick<Services, 'models'>, managerId: string): Promise<AvailabilityResponse> {
  const doc = await services.models.ManagerAvailability.findById(managerId).lean<ManagerAvailabilityDoc>();
  return {
    windows: (doc?.windows ?? []).map((w) => ({ weekday: w.weekday, start: w.start, end: w.end })),
    workPhoneMasked: doc?.workPhoneMasked ?? null,
  };
}

import type { Role } from '@sunshine/shared';
import { ForbiddenError } from '../src/errors';
import type { AuthUser } from '../src/context';

/**
 * Declared policies (outline's server/policies): small named predicates over the caller.
 * Routes name the policy they need; `authorize` asserts it.
 */
const STAFF: readonly Role[] = ['admin', 'hq_credit', 'hq_marketing', 'branch_president', 'manager'];

export const policies = {
  isStaff: (u: AuthUser) => STAFF.includes(u.role),
  isStaffOrCustomer: () => true,
  readsHouseholds: (u: AuthUser) => STAFF.includes(u.role),
  /** Files are created and edited by the responsible manager (the command checks which one). */
  filesHouseholds: (u: AuthUser) => u.role === 'manager',
  isHeadOffice: (u: AuthUser) => u.role === 'admin' || u.role === 'hq_credit' || u.role === 'hq_marketing',
  isAdmin: (u: AuthUser) => u.role === 'admin',
  // <anchor:policies-evidence>
  // <anchor:policies-customer>
  // <anchor:policies-portrait>
  // <anchor:policies-credit>
  // <anchor:policies-flow>
} satisfies Record<string, (u: AuthUser) => boolean>;

export type PolicyName = keyof typeof policies;

export function authorize(user: AuthUser, policy: PolicyName): void {
  if (!policies[policy](user)) throw new ForbiddenError();
}

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
  /** A customer signed in through a share card (their own appointments only). */
  isCustomer: (u: AuthUser) => u.role === 'customer',
  /** Share cards, availability, confirming and rescheduling: the responsible manager. */
  managesAppointments: (u: AuthUser) => u.role === 'manager',
  /** Reading appointments: staff, within their data scope. */
  readsAppointments: (u: AuthUser) => STAFF.includes(u.role),
  /** Manager transfers: an admin, or a branch president (the command limits them to their branch). */
  transfersManagers: (u: AuthUser) => u.role === 'admin' || u.role === 'branch_president',
  /** The V7 sync dead-letter view and its retry: head-office admin and head-office credit. */
  managesV7Sync: (u: AuthUser) => u.role === 'admin' || u.role === 'hq_credit',
  /** Credit evaluations and applications: the manager, or a branch president serving a customer. */
  runsCreditEvaluations: (u: AuthUser) => u.role === 'manager' || u.role === 'branch_president',
  /** Level 1 is the branch president, level 2 head-office credit (the command picks the level). */
  approvesCredit: (u: AuthUser) => u.role === 'branch_president' || u.role === 'hq_credit',
  /** A human review of an automated rejection (PIPL art. 24), asked on the customer's behalf. */
  requestsCreditReview: (u: AuthUser) => u.role === 'manager',
  /** The funnel report: branch presidents (their branch) and head office (all); not managers. */
  readsFunnelReport: (u: AuthUser) =>
    u.role === 'branch_president' || u.role === 'admin' || u.role === 'hq_credit' || u.role === 'hq_marketing',
} satisfies Record<string, (u: AuthUser) => boolean>;

export type PolicyName = keyof typeof policies;

export function authorize(user: AuthUser, policy: PolicyName): void {
  if (!policies[policy](user)) throw new ForbiddenError();
}

/**
 * Staff and customer roles. Approval rights come from the role; what data a user sees comes
 * from the scope the role implies (head office → everything, branch → its branch, manager →
 * own customers), see bff/policies/scope.ts.
 */
export const ROLES = ['admin', 'hq_credit', 'hq_marketing', 'branch_president', 'manager', 'customer'] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  hq_credit: '总行授信审批',
  hq_marketing: '总行营销管理',
  branch_president: '支行行长',
  manager: '客户经理',
  customer: '客户',
};

/** Which slice of the bank's data a role sees. */
export type ScopeLevel = 'all' | 'branch' | 'own';

export const ROLE_SCOPE: Record<Role, ScopeLevel> = {
  admin: 'all',
  hq_credit: 'all',
  hq_marketing: 'all',
  branch_president: 'branch',
  manager: 'own',
  customer: 'own',
};

export const STAFF_ROLES = ROLES.filter((r) => r !== 'customer');

import { ROLE_LABELS, type Role } from '@sunshine/shared';
import { ROUTES } from '../../config';
import type { Me } from '../../services/me';

/**
 * What each role's home page offers, as data: the page renders whatever is listed here, so a
 * new feature is one line, and an entry without `url` is shown as 即将上线 rather than as a fake
 * page.
 */
export interface HomeEntry {
  key: string;
  title: string;
  description: string;
  /** Where the entry goes; absent while the feature is not built yet. */
  url?: string;
}

const soon = (key: string, title: string, description: string): HomeEntry => ({ key, title, description });

const HQ_OVERVIEW = soon('overview', '全行概览', '走访、建档、授信、用信漏斗');
const HQ_MAP = soon('map', '电子地图', '按镇村查看营销进度');
const HQ_APPROVAL: HomeEntry = { key: 'approval', title: '授信审批', description: '总行二级审批', url: ROUTES.creditQueue };
const FUNNEL: HomeEntry = {
  key: 'funnel',
  title: '营销漏斗',
  description: '走访→建档→评估→审批→报送→签约→用信,可导出Excel',
  url: ROUTES.funnelReport,
};

export const ROLE_ENTRIES: Record<Role, HomeEntry[]> = {
  manager: [
    { key: 'households', title: '我的客户', description: '责任田农户与建档情况', url: ROUTES.households },
    { key: 'visits', title: '走访建档', description: '未走访农户、上门走访登记与新建档案', url: `${ROUTES.households}?tab=not_visited` },
    { key: 'appointments', title: '预约', description: '今日预约、分享名片', url: ROUTES.appointmentsToday },
  ],
  branch_president: [
    { key: 'households', title: '本支行客户', description: '本支行全部农户', url: ROUTES.households },
    { key: 'approvals', title: '待审批', description: '支行一级审批', url: ROUTES.creditQueue },
    { key: 'appointments', title: '本支行预约', description: '今日客户预约', url: ROUTES.appointmentsToday },
    FUNNEL,
  ],
  hq_credit: [HQ_APPROVAL, FUNNEL, HQ_OVERVIEW, HQ_MAP],
  hq_marketing: [FUNNEL, HQ_OVERVIEW, HQ_MAP],
  admin: [FUNNEL, HQ_OVERVIEW, HQ_MAP, HQ_APPROVAL],
  customer: [
    { key: 'my-appointments', title: '我的预约', description: '查看、改期或取消预约', url: ROUTES.customerAppointments },
    soon('products', '阳光信贷', '了解农户授信产品'),
  ],
};

export interface SummaryFigure {
  key: keyof Me['summary'];
  label: string;
  value: number;
  unit: string;
}

const HOUSEHOLD_LABEL: Record<Role, string> = {
  manager: '我的客户',
  customer: '我的客户',
  branch_president: '本支行客户',
  hq_credit: '全行客户',
  hq_marketing: '全行客户',
  admin: '全行客户',
};

/** The figures of `GET /me`'s summary, in a fixed order, skipping those outside the scope. */
export function summaryFigures(me: Me): SummaryFigure[] {
  const s = me.summary;
  const figures: Array<SummaryFigure | null> = [
    { key: 'households', label: HOUSEHOLD_LABEL[me.user.role], value: s.households, unit: '户' },
    { key: 'villages', label: '覆盖村居', value: s.villages, unit: '个' },
    s.managers === undefined ? null : { key: 'managers', label: '客户经理', value: s.managers, unit: '人' },
    s.branches === undefined ? null : { key: 'branches', label: '支行', value: s.branches, unit: '家' },
  ];
  return figures.filter((f): f is SummaryFigure => f !== null && typeof f.value === 'number');
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role] ?? role;
}

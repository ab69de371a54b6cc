import type { HouseholdListQuery } from '@sunshine/shared';

/** The list's tabs and the `status` filter of GET /households each stands for. */
export type ListTab = 'all' | NonNullable<HouseholdListQuery['status']>;

export const LIST_TABS: Array<{ value: ListTab; title: string }> = [
  { value: 'all', title: '全部' },
  { value: 'visited', title: '已走访' },
  { value: 'not_visited', title: '未走访' },
  { value: 'follow_up_due', title: '待跟进' },
];

export function tabFrom(param: string | undefined): ListTab {
  return LIST_TABS.some((t) => t.value === param) ? (param as ListTab) : 'all';
}

export function statusOf(tab: ListTab): HouseholdListQuery['status'] {
  return tab === 'all' ? undefined : tab;
}

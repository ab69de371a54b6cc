import type { HouseholdPage, HouseholdSummary } from '../../../../services/households';

/**
 * Paging state of the list, kept pure so its merge rules are testable: a refresh replaces,
 * a next page appends (skipping ids already shown, since rows can shift between pages while
 * managers add households).
 */
export interface PagerState {
  items: HouseholdSummary[];
  total: number;
  page: number;
  loaded: boolean;
}

export const initialPager: PagerState = { items: [], total: 0, page: 0, loaded: false };

export function applyPage(state: PagerState, page: number, result: HouseholdPage): PagerState {
  if (page === 1) return { items: result.data, total: result.total, page: 1, loaded: true };
  const seen = new Set(state.items.map((h) => h.id));
  return {
    items: [...state.items, ...result.data.filter((h) => !seen.has(h.id))],
    total: result.total,
    page,
    loaded: true,
  };
}

export function hasMore(state: PagerState): boolean {
  return !state.loaded || state.items.length < state.total;
}

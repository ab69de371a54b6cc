/**
 * Slot times as the pages show them, in China Standard Time whatever the phone's time zone
 * (the bank's customers and managers are all in Taixing).
 */
const CST_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function cst(iso: string): Date {
  return new Date(Date.parse(iso) + CST_OFFSET_MS);
}

/** `2026-12-07`. */
export function cstDate(iso: string): string {
  return cst(iso).toISOString().slice(0, 10);
}

/** `09:30`. */
export function cstTime(iso: string): string {
  return cst(iso).toISOString().slice(11, 16);
}

/** `12月7日 周一`. */
export function cstDayLabel(iso: string): string {
  const d = cst(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`;
}

/** `12月7日 周一 09:30`. */
export function slotLabel(iso: string): string {
  return `${cstDayLabel(iso)} ${cstTime(iso)}`;
}

/** Today's date in CST. */
export function cstToday(now = Date.now()): string {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Slots grouped by CST day, in order. */
export function groupByDay<T extends { start: string }>(slots: T[]): Array<{ day: string; label: string; slots: T[] }> {
  const groups = new Map<string, T[]>();
  for (const s of slots) {
    const day = cstDate(s.start);
    groups.set(day, [...(groups.get(day) ?? []), s]);
  }
  return [...groups.entries()].map(([day, list]) => ({ day, label: cstDayLabel(list[0]!.start), slots: list }));
}

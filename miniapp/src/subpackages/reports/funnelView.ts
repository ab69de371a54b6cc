import { FUNNEL_STAGES, FUNNEL_STAGE_LABELS, type FunnelFigures, type FunnelStage } from '@sunshine/shared';

/**
 * What the funnel page shows, as pure functions: the period presets (China-time days, as the
 * BFF counts them), the stage bars and the figure texts.
 */
export type PresetKey = 'this_month' | 'last_month' | 'last_30_days' | 'this_year';

export const PRESETS: Array<{ key: PresetKey; title: string }> = [
  { key: 'this_month', title: '本月' },
  { key: 'last_month', title: '上月' },
  { key: 'last_30_days', title: '近30天' },
  { key: 'this_year', title: '今年' },
];

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const shiftDay = (day: string, by: number) => new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS).toISOString().slice(0, 10);

/** Today in China (UTC+8, no daylight saving), YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** An instant as China time, "YYYY-MM-DD HH:mm" (no Intl: not every mini program engine has its time zones). */
export function chinaClock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function presetPeriod(key: PresetKey, today: string): Period {
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (key) {
    case 'this_month':
      return { from: monthStart, to: today };
    case 'last_month': {
      const lastDay = shiftDay(monthStart, -1);
      return { from: `${lastDay.slice(0, 7)}-01`, to: lastDay };
    }
    case 'last_30_days':
      return { from: shiftDay(today, -29), to: today };
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

export interface StageBar {
  stage: FunnelStage;
  label: string;
  value: number;
  /** Width of the bar, 0..100, relative to the largest stage (the stages are a flow, not nested). */
  width: number;
}

export function stageBars(f: FunnelFigures): StageBar[] {
  const max = Math.max(1, ...FUNNEL_STAGES.map((s) => f[s]));
  return FUNNEL_STAGES.map((s) => ({ stage: s, label: FUNNEL_STAGE_LABELS[s], value: f[s], width: Math.round((f[s] / max) * 100) }));
}

/** "走访 3 · 建档 2 · …" for a row of the grouped lists. */
export function figureLine(f: FunnelFigures): string {
  return FUNNEL_STAGES.map((s) => `${FUNNEL_STAGE_LABELS[s]} ${f[s].toLocaleString('en-US')}`).join(' · ');
}

/** Yuan in 万元 with two decimals: 123456 → "12.35万". */
export function wan(yuan: number): string {
  return `${(yuan / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}万`;
}

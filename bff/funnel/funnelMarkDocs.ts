import { Types } from 'mongoose';
import { FUNNEL_STAGES, type FunnelFigures } from '@sunshine/shared';
import type { FunnelMarkKind } from '../models/FunnelMark';
import type { FunnelDayFigures } from '../models/FunnelRollup';
import { chinaDay } from '../stats/chinaCalendar';

/**
 * The pure part of the funnel: what a mark is called, which rollup it counts in, and how a
 * rollup's figures follow from its marks. Shared by the live hooks, the backfill and the
 * rebuild, so the three cannot disagree.
 */

/** A mark before its attribution is complete (a hook may not know the household's village). */
export interface FunnelMarkDraft {
  kind: FunnelMarkKind;
  householdId: Types.ObjectId | string;
  at: Date;
  branchId?: string | null;
  villageCode?: string | null;
  managerId?: Types.ObjectId | string | null;
  amount?: number | null;
  /** The business record behind the mark: `visit:<id>`, `application:<id>`, `v7event:<id>`… */
  source: string;
  /** Drawdown marks only: `<applicationId>:<drawdownId>`, the mark's identity. */
  subject?: string;
}

export interface FunnelAttribution {
  branchId: string;
  villageCode: string;
  managerId: string;
}

export function funnelMarkId(d: Pick<FunnelMarkDraft, 'kind' | 'householdId' | 'subject'>): string {
  if (d.kind === 'drawdown') {
    if (!d.subject) throw new Error('a drawdown mark needs its subject');
    return `drawdown:${d.subject}`;
  }
  return `${d.kind}:${String(d.householdId)}`;
}

export function funnelRollupId(day: string, a: FunnelAttribution): string {
  return `${day.slice(0, 7)}|${a.branchId}|${a.villageCode}|${a.managerId}`;
}

export function isAttributed(d: FunnelMarkDraft): d is FunnelMarkDraft & FunnelAttribution {
  return !!d.branchId && !!d.villageCode && !!d.managerId;
}

/** The document of a fully attributed draft. */
export function funnelMarkDoc(d: FunnelMarkDraft, a: FunnelAttribution, opts: { rolledUp: boolean; now: Date }) {
  const day = chinaDay(d.at);
  const attribution = { branchId: a.branchId, villageCode: a.villageCode, managerId: String(a.managerId) };
  return {
    _id: funnelMarkId(d),
    kind: d.kind,
    householdId: new Types.ObjectId(String(d.householdId)),
    at: d.at,
    day,
    ...attribution,
    amount: d.amount ?? null,
    rollupId: funnelRollupId(day, attribution),
    rolledUp: opts.rolledUp,
    source: d.source,
    createdAt: opts.now,
  };
}

export type FunnelMarkRow = Pick<ReturnType<typeof funnelMarkDoc>, 'kind' | 'day' | 'amount'>;

const AMOUNT_OF: Partial<Record<FunnelMarkKind, 'approvedLimit' | 'signedLimit' | 'drawnAmount'>> = {
  approved: 'approvedLimit',
  signed: 'signedLimit',
  drawdown: 'drawnAmount',
};

/** Money is summed in integer fen, so adding many two-decimal amounts never drifts. */
const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

/** Figures per day, accumulated mark by mark (amounts in fen until `finishDays`). */
export class DayAccumulator {
  private readonly days = new Map<string, FunnelDayFigures>();

  add(m: FunnelMarkRow): void {
    let d = this.days.get(m.day);
    if (!d) {
      d = { day: m.day, ...emptyFigures() };
      this.days.set(m.day, d);
    }
    if (m.kind !== 'drawdown') d[m.kind] += 1;
    const amount = AMOUNT_OF[m.kind];
    if (amount) d[amount] += fen(m.amount);
  }

  /** The days in order, amounts back in yuan. */
  finish(): FunnelDayFigures[] {
    return [...this.days.values()]
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((d) => ({ ...d, approvedLimit: d.approvedLimit / 100, signedLimit: d.signedLimit / 100, drawnAmount: d.drawnAmount / 100 }));
  }
}

export function emptyFigures(): FunnelFigures {
  return {
    ...(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as Record<(typeof FUNNEL_STAGES)[number], number>),
    approvedLimit: 0,
    signedLimit: 0,
    drawnAmount: 0,
  };
}

/** The rollup document of one cell from all of its marks. */
export function rollupFromMarks(rollupId: string, marks: FunnelMarkRow[], now: Date) {
  const [month, branchId, villageCode, managerId] = rollupId.split('|') as [string, string, string, string];
  const acc = new DayAccumulator();
  for (const m of marks) acc.add(m);
  return { _id: rollupId, month, branchId, villageCode, managerId, days: acc.finish(), computedAt: now };
}

/** Adds `b` into `a` (amounts in yuan, summed through fen). */
export function addFigures(a: FunnelFigures, b: Partial<FunnelFigures>): void {
  for (const s of FUNNEL_STAGES) a[s] += b[s] ?? 0;
  a.approvedLimit = (fen(a.approvedLimit) + fen(b.approvedLimit)) / 100;
  a.signedLimit = (fen(a.signedLimit) + fen(b.signedLimit)) / 100;
  a.drawnAmount = (fen(a.drawnAmount) + fen(b.drawnAmount)) / 100;
}

import { distanceMetres } from './geo';

/**
 * "Teleports" (domain.md anomalies): a manager cannot be at two fixes further apart than a
 * car could drive in the time between them. Pure: the inputs are this fix and the same
 * manager's recent fixes, in any order (an offline phone may sync days later).
 *
 * Distances within both fixes' accuracy plus a margin are never flagged: phone fixes jump.
 */
export const TRAVEL_POLICY = { maxSpeedKmh: 120, marginM: 500 } as const;

export interface TimedFix {
  at: Date;
  lat: number;
  lng: number;
  accuracy: number;
}

export interface TravelFinding {
  reason: string;
  neighbour: TimedFix;
}

/** Checks the new fix against its neighbours in time (the fix just before and just after). */
export function checkTravel(fix: TimedFix, recent: readonly TimedFix[], policy = TRAVEL_POLICY): TravelFinding | null {
  const t = fix.at.getTime();
  let before: TimedFix | null = null;
  let after: TimedFix | null = null;
  for (const r of recent) {
    const rt = r.at.getTime();
    if (rt <= t && (!before || rt > before.at.getTime())) before = r;
    if (rt > t && (!after || rt < after.at.getTime())) after = r;
  }
  for (const n of [before, after]) {
    if (!n) continue;
    const metres = distanceMetres(fix, n) - fix.accuracy - n.accuracy - policy.marginM;
    if (metres <= 0) continue;
    const hours = Math.abs(t - n.at.getTime()) / 3_600_000;
    const kmh = hours === 0 ? Infinity : metres / 1000 / hours;
    if (kmh > policy.maxSpeedKmh) {
      const km = (distanceMetres(fix, n) / 1000).toFixed(1);
      const minutes = Math.round(hours * 60);
      return { reason: `与相邻走访定位相距${km}公里,间隔仅${minutes}分钟,移动速度不合理`, neighbour: n };
    }
  }
  return null;
}

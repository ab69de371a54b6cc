/**
 * Scorecard and grade (spec §2). Each factor's points are the sum of its components; the score is
 * the sum of the factors, so `score === sum(factors.points)` holds by construction.
 */
import { compileCondition, compileFactPath } from './conditions';
import { CreditModelError } from './creditErrors';
import type { Band, GradeCutoff, ScoreComponent, ScoreFactor } from './modelDefinition';
import { isWholeFen, toFen } from './money';
import type { Almanac, ScoreFactorPoints } from './types';

type PointsOf = (almanac: Almanac) => number;

export interface CompiledFactor {
  readonly name: string;
  readonly parts: readonly PointsOf[];
}

/**
 * A band as the engine runs it: bounds always numbers (±Infinity for "unbounded") and a fresh,
 * unfrozen array per table. Both keep the hot loop on V8's fast path: the model's own arrays are
 * deep-frozen, and iterating frozen arrays of mixed-shape objects with null checks was the single
 * most expensive line of an evaluation.
 */
export interface CompiledBand {
  readonly from: number;
  readonly to: number;
  readonly points: number;
}

/** Points of the first band whose [from, to) holds `value`; no band (or not a number) scores 0. */
export function bandPoints(bands: readonly CompiledBand[], value: unknown): number {
  if (typeof value !== 'number') return 0;
  for (const band of bands) {
    if (value >= band.from && value < band.to) return band.points;
  }
  return 0;
}

/** Compiles bands; `toUnit` turns a bound into the unit of the fact (fen for amounts). */
export function compileBands(bands: readonly Band[], toUnit: (bound: number) => number = (bound) => bound): CompiledBand[] {
  return bands.map((band) => ({
    from: band.from === null ? Number.NEGATIVE_INFINITY : toUnit(band.from),
    to: band.to === null ? Number.POSITIVE_INFINITY : toUnit(band.to),
    points: band.points,
  }));
}

function yuanBoundToFen(bound: number): number {
  if (!isWholeFen(bound)) throw new CreditModelError(`amount band bound is not a whole number of fen: ${bound}`);
  return toFen(bound);
}

function compileComponent(component: ScoreComponent): PointsOf {
  switch (component.kind) {
    case 'lookup': {
      const read = compileFactPath(component.fact);
      const points = new Map(Object.entries(component.points));
      return (almanac) => {
        const value = read(almanac);
        return typeof value === 'string' ? (points.get(value) ?? 0) : 0;
      };
    }
    case 'bands': {
      const read = compileFactPath(component.fact);
      const bands = compileBands(component.bands);
      return (almanac) => bandPoints(bands, read(almanac));
    }
    case 'amountBands': {
      // Bounds are converted once, so comparing fen with fen is integer against integer.
      const bands = compileBands(component.bands, yuanBoundToFen);
      const amount = component.amount;
      return (almanac) => bandPoints(bands, almanac.derived.fen[amount]);
    }
    case 'bonus': {
      const holds = compileCondition(component.when);
      const points = component.points;
      return (almanac) => (holds(almanac) ? points : 0);
    }
  }
}

export function compileScorecard(factors: readonly ScoreFactor[]): readonly CompiledFactor[] {
  return factors.map((factor) => ({ name: factor.name, parts: factor.components.map(compileComponent) }));
}

/** The scorecard's result: one row per factor, their sum, and the grade cut-off it reaches. */
export interface Scored {
  readonly score: number;
  readonly factors: ScoreFactorPoints[];
  readonly cutoff: GradeCutoff;
}

/** One row per factor, in the model's order, their sum, and the grade. */
export function runScorecard(factors: readonly CompiledFactor[], grades: readonly GradeCutoff[], almanac: Almanac): Scored {
  let score = 0;
  const rows: ScoreFactorPoints[] = [];
  for (const factor of factors) {
    let points = 0;
    for (const part of factor.parts) points += part(almanac);
    rows.push({ name: factor.name, points });
    score += points;
  }
  return { score, factors: rows, cutoff: gradeFor(grades, score) };
}

/** Grade cut-offs copied out of the frozen model, for the same reason as `CompiledBand`. */
export function compileGrades(grades: readonly GradeCutoff[]): GradeCutoff[] {
  return grades.map((cutoff) => ({ ...cutoff }));
}

/** The first (highest) cut-off the score reaches. compileModel guarantees the last accepts 0. */
export function gradeFor(grades: readonly GradeCutoff[], score: number): GradeCutoff {
  for (const cutoff of grades) {
    if (score >= cutoff.minScore) return cutoff;
  }
  throw new CreditModelError(`no grade for score ${score}`);
}

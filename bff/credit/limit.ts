/**
 * Pre-credit limit (spec §3), in exact integer arithmetic.
 *
 * Each term is an exact rational number of fen: totalAssets × 1/10 may end in a tenth of a fen.
 * We multiply everything by D, the least common multiple of the coefficient denominators (10 for
 * sunshine-v1), so every term is an integer count of "fen / D" and hold it in a BigInt. Nothing
 * is rounded until `final` is floored to the rounding unit, so binary floating point can never
 * move a limit across a 1,000 boundary (0.1 × 1234567.89 is not 123456.789 in doubles).
 */
import { toReason } from './admission';
import { CreditModelError } from './creditErrors';
import type { AmountsInFen } from './derivedFacts';
import type { LimitPolicy } from './modelDefinition';
import { isWholeFen, toFen } from './money';
import type { Rational } from './rational';
import type { Grade, LimitBreakdown, Reason } from './types';

export interface CompiledLimit {
  readonly policy: LimitPolicy;
  /** 100 × D: divides a scaled integer back into yuan for the breakdown. */
  readonly yuanDivisor: number;
  /** D as a BigInt: fen → scaled units. */
  readonly scale: bigint;
  readonly assetFactor: bigint;
  readonly incomeFactor: bigint;
  readonly gradeBase: Readonly<Partial<Record<Grade, bigint>>>;
  readonly cap: bigint;
  readonly unit: bigint;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function checkCoefficient(name: string, c: Rational): void {
  if (!Number.isSafeInteger(c.num) || !Number.isSafeInteger(c.den) || c.num < 0 || c.den <= 0) {
    throw new CreditModelError(`limit ${name} must be a non-negative fraction of integers: ${c.num}/${c.den}`);
  }
}

function yuanToFen(name: string, yuan: number): bigint {
  if (!isWholeFen(yuan) || yuan < 0) throw new CreditModelError(`limit ${name} is not a whole number of fen: ${yuan}`);
  return BigInt(toFen(yuan));
}

export function compileLimit(policy: LimitPolicy): CompiledLimit {
  checkCoefficient('assetCoefficient', policy.assetCoefficient);
  checkCoefficient('incomeCoefficient', policy.incomeCoefficient);
  const a = policy.assetCoefficient;
  const i = policy.incomeCoefficient;
  const d = (a.den / gcd(a.den, i.den)) * i.den;
  const scale = BigInt(d);
  if (policy.roundingUnit <= 0) throw new CreditModelError('limit roundingUnit must be positive');
  const gradeBase: Partial<Record<Grade, bigint>> = {};
  for (const [grade, yuan] of Object.entries(policy.gradeBase) as [Grade, number][]) {
    gradeBase[grade] = yuanToFen(`gradeBase.${grade}`, yuan) * scale;
  }
  return {
    policy,
    yuanDivisor: 100 * d,
    scale,
    assetFactor: BigInt(a.num * (d / a.den)),
    incomeFactor: BigInt(i.num * (d / i.den)),
    gradeBase,
    cap: yuanToFen('cap', policy.cap) * scale,
    unit: yuanToFen('roundingUnit', policy.roundingUnit) * scale,
  };
}

/** Scaled integer → yuan, as the nearest JS number (exact for every sunshine-v1 amount). */
const toYuan = (compiled: CompiledLimit, scaled: bigint): number => Number(scaled) / compiled.yuanDivisor;

/**
 * gradeBase + assetTerm + incomeTerm, capped, minus existing credit loans, floored to the rounding
 * unit, and 0 if that is negative.
 */
export function computeLimit(compiled: CompiledLimit, grade: Grade, fen: AmountsInFen): LimitBreakdown {
  const gradeBase = compiled.gradeBase[grade];
  if (gradeBase === undefined) throw new CreditModelError(`limit has no gradeBase for grade ${grade}`);
  const assetTerm = BigInt(fen.totalAssets) * compiled.assetFactor;
  const incomeTerm = BigInt(fen.annualIncome) * compiled.incomeFactor;
  const raw = gradeBase + assetTerm + incomeTerm;
  const capped = raw < compiled.cap ? raw : compiled.cap;
  const afterLoans = capped - BigInt(fen.existingCreditLoans) * compiled.scale;
  // BigInt division truncates toward zero, which is floor for the non-negative case; any negative
  // remainder would floor to a negative multiple, which the spec turns into 0.
  const units = afterLoans < 0n ? 0n : afterLoans / compiled.unit;
  return {
    gradeBase: toYuan(compiled, gradeBase),
    assetTerm: toYuan(compiled, assetTerm),
    incomeTerm: toYuan(compiled, incomeTerm),
    raw: toYuan(compiled, raw),
    cap: compiled.policy.cap,
    existingCreditLoans: fen.existingCreditLoans / 100,
    final: toYuan(compiled, units * compiled.unit),
  };
}

/** The limit, and L01 when it is below the model's minimum. */
export function assessLimit(
  compiled: CompiledLimit,
  grade: Grade,
  fen: AmountsInFen,
): { breakdown: LimitBreakdown; tooLow: Reason | null } {
  const breakdown = computeLimit(compiled, grade, fen);
  return { breakdown, tooLow: breakdown.final < compiled.policy.minimum ? toReason(compiled.policy.tooLowReason) : null };
}

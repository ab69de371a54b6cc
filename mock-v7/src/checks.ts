import { createHash } from 'node:crypto';
import type { CheckOverrideDoc } from './models';

/**
 * The two real-time checks V7 relays: 省联社风险预警 (provincial risk warning) and 司法查控
 * (court enforcement records). Without an admin override a person's result is derived from a
 * hash of the ID number, so demos and tests are reproducible, with shares roughly like a
 * rural county's: about 84 % of people have no warning and 95 % a clean judicial record.
 */
export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

export interface JudicialFlags {
  dishonestDebtor: boolean;
  enforcement: boolean;
  frozenAssets: boolean;
}

/** Uniform numbers in [0, 1) drawn from the ID number, one per label. */
function unit(label: string, idNumber: string): number {
  return createHash('sha256').update(`${label}:${idNumber}`).digest().readUInt32BE(0) / 2 ** 32;
}

export function derivedRiskLevel(idNumber: string): RiskLevel {
  const u = unit('risk-warning', idNumber);
  if (u < 0.02) return 'high';
  if (u < 0.06) return 'medium';
  if (u < 0.16) return 'low';
  return 'none';
}

export function derivedJudicial(idNumber: string): JudicialFlags {
  return {
    dishonestDebtor: unit('dishonest', idNumber) < 0.02,
    enforcement: unit('enforcement', idNumber) < 0.03,
    frozenAssets: unit('frozen', idNumber) < 0.01,
  };
}

export function riskLevelFor(idNumber: string, override: CheckOverrideDoc | null): RiskLevel {
  return override?.riskWarning ?? derivedRiskLevel(idNumber);
}

export function judicialFor(idNumber: string, override: CheckOverrideDoc | null): JudicialFlags {
  return override?.judicial ?? derivedJudicial(idNumber);
}

/** ISO 8601 in Beijing time (`2026-12-02T23:30:00.000+08:00`): its first ten characters are the local date. */
export function beijingTimestamp(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 23)}+08:00`;
}

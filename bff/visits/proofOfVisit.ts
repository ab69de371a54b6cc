import type { ProofLevel } from '@sunshine/shared';
import { distanceMetres } from './geo';

/**
 * How strongly a visit is shown to have happened on site (domain.md "proof of presence").
 * Pure: the inputs are the fix, the household's geotag and what else was captured.
 *
 * - A fix worse than `maxAccuracyM` proves nothing.
 * - The allowed radius grows with the fix's accuracy, between 100 m and 200 m (village
 *   houses are spread out; phone fixes in villages are often 30–80 m).
 * - With no geotag yet, a good fix becomes the household's geotag (the first verified
 *   visit sets it) and counts as located.
 * - An impossible speed from the manager's neighbouring fix ("teleport") voids the fix.
 */
export const PROOF_POLICY = { minRadiusM: 100, maxRadiusM: 200, maxAccuracyM: 200, geotagMaxAccuracyM: 100 } as const;

export interface ProofInput {
  fix: { lat: number; lng: number; accuracy: number };
  geotag: { lat: number; lng: number } | null;
  photoCount: number;
  customerConfirmed: boolean;
  /** Why the fix is implausible given the manager's other fixes (see travel.ts), if it is. */
  travelAnomaly?: string | null;
}

export interface Proof {
  level: ProofLevel;
  reasons: string[];
  distanceM: number | null;
  /** True when this visit's fix should become the household's geotag. */
  setsGeotag: boolean;
}

export function assessProof(input: ProofInput, policy = PROOF_POLICY): Proof {
  const { fix, geotag } = input;
  const reasons: string[] = [];
  const distanceM = geotag ? Math.round(distanceMetres(fix, geotag)) : null;
  const radius = Math.min(policy.maxRadiusM, Math.max(policy.minRadiusM, fix.accuracy));
  let located = false;
  let setsGeotag = false;

  if (fix.accuracy > policy.maxAccuracyM) {
    reasons.push(`定位精度${Math.round(fix.accuracy)}米,无法核实位置`);
  } else if (distanceM === null) {
    setsGeotag = fix.accuracy <= policy.geotagMaxAccuracyM;
    located = setsGeotag;
    reasons.push(setsGeotag ? '首次核实走访,已记录该户位置' : `首次走访定位精度${Math.round(fix.accuracy)}米,未记录该户位置`);
  } else if (distanceM <= radius) {
    located = true;
  } else {
    reasons.push(`距该户${distanceM}米,超出${radius}米核实范围`);
  }

  if (input.travelAnomaly) {
    // One of two fixes is wrong and we can't tell which: neither proves presence alone.
    reasons.push(input.travelAnomaly);
    located = false;
    setsGeotag = false;
  }

  let level: ProofLevel = located ? 'located' : 'unverified';
  if (located && input.photoCount > 0) level = 'photographed';
  // The customer scanning the code on the manager's phone, in WeChat, shows they met in
  // person, whatever the fix says; the location reasons stay for the reviewer.
  if (input.customerConfirmed) level = 'confirmed';
  return { level, reasons, distanceM, setsGeotag };
}

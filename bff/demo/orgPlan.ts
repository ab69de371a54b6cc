import type { Role } from '@sunshine/shared';
import { townShortName, type Divisions, type LatLng, type VillageDivision } from './divisions';
import type { ChineseNames } from './chineseNames';
import { Rng } from './random';

/**
 * The demo bank's organisation, derived from the divisions and the seed (pure, no I/O):
 * 20 branches each covering some towns' villages, staff accounts with the usernames of
 * api-contract.md, one grid manager per village, and how many households each village gets.
 */

export interface BranchPlan {
  id: string; // two-digit branch code
  name: string;
  townCode: string;
  address: string;
  location: LatLng;
  villageCodes: string[];
  managerCount: number;
}

export interface StaffPlan {
  username: string;
  role: Role;
  branchId: string | null;
  name: string;
  employeeNo: string;
}

export interface OrgPlan {
  branches: BranchPlan[];
  staff: StaffPlan[];
  /** village code → username of its grid manager. */
  gridManager: Map<string, string>;
  /** village code → branch id. */
  villageBranch: Map<string, string>;
}

/**
 * How the 20 branches map onto towns. 01 and 02 are the 城区 branches. Three big towns
 * (黄桥, 滨江, 虹桥) share their villages with a second branch named after a former town that
 * is now one of their villages (刘陈, 马甸, 七圩), as county banks kept those outlets when
 * towns merged. Special zones (4xx) go to the nearest branch.
 */
interface BranchLayout {
  id: string;
  towns: string[];
  /** When set: this branch takes the share of `fromTown`'s rural villages nearest to the anchor village. */
  split?: { fromTown: string; anchorVillageName: string; share: number };
  /** Overrides the name taken from the first town. */
  shortName?: string;
}

const LAYOUT: BranchLayout[] = [
  { id: '01', towns: ['321283001', '321283401'] }, // 济川 (城区)
  { id: '02', towns: ['321283002', '321283402'] }, // 延令 (城区)
  { id: '03', towns: ['321283003', '321283403'] }, // 姚王
  { id: '04', towns: ['321283100'] }, // 黄桥
  { id: '05', towns: ['321283101'] }, // 分界
  { id: '06', towns: ['321283102'] }, // 古溪
  { id: '07', towns: ['321283104'] }, // 元竹
  { id: '08', towns: ['321283105'] }, // 珊瑚
  { id: '09', towns: ['321283106'] }, // 广陵
  { id: '10', towns: ['321283108'] }, // 曲霞
  { id: '11', towns: ['321283109'] }, // 张桥
  { id: '12', towns: ['321283112'] }, // 河失
  { id: '13', towns: ['321283113'] }, // 新街
  { id: '14', towns: ['321283115'] }, // 宣堡
  { id: '15', towns: ['321283123'] }, // 滨江
  { id: '16', towns: ['321283124'] }, // 虹桥
  { id: '17', towns: ['321283200'] }, // 根思
  { id: '18', towns: [], split: { fromTown: '321283100', anchorVillageName: '刘陈村委会', share: 0.35 }, shortName: '刘陈' },
  { id: '19', towns: [], split: { fromTown: '321283123', anchorVillageName: '马甸村委会', share: 0.4 }, shortName: '马甸' },
  { id: '20', towns: [], split: { fromTown: '321283124', anchorVillageName: '七圩村委会', share: 0.4 }, shortName: '七圩' },
];

/** About 150 managers in all: 2 per branch plus about one per 3.5 villages, at least 3. */
function managersFor(villages: number): number {
  return Math.max(3, Math.min(villages, Math.round(2 + villages / 3.5)));
}

const ROADS = ['人民路', '文昌路', '鼓楼路', '国庆路', '羌溪路', '延令路', '济川路', '银杏路', '振兴路', '兴泰路', '府前路', '建设路'];

function distance2(a: LatLng, b: LatLng): number {
  const dLat = a.lat - b.lat;
  const dLng = (a.lng - b.lng) * 0.85;
  return dLat * dLat + dLng * dLng;
}

export const DEMO_MANAGER_USERNAMES = ['m.01.01', 'm.01.02', 'm.02.01'] as const;

export function buildOrgPlan(divisions: Divisions, names: ChineseNames, seed: SeedLike): OrgPlan {
  const townByCode = new Map(divisions.towns.map((t) => [t.code, t]));
  const villagesByTown = new Map<string, VillageDivision[]>();
  for (const v of divisions.villages) {
    const list = villagesByTown.get(v.townCode) ?? [];
    list.push(v);
    villagesByTown.set(v.townCode, list);
  }

  // First carve the split-off villages out of their towns, so the town branch keeps the rest.
  const takenBy = new Map<string, string>(); // village code → branch id
  const anchors = new Map<string, LatLng>(); // branch id → location
  for (const b of LAYOUT) {
    if (!b.split) continue;
    const { fromTown, anchorVillageName, share } = b.split;
    const villages = villagesByTown.get(fromTown) ?? [];
    const anchor = villages.find((v) => v.name === anchorVillageName);
    if (!anchor) throw new Error(`anchor village ${anchorVillageName} not found in town ${fromTown}`);
    anchors.set(b.id, anchor.center);
    // Rural villages only: the town seat's communities stay with the town branch.
    const rural = villages
      .filter((v) => v.kind === 'village')
      .sort((x, y) => distance2(x.center, anchor.center) - distance2(y.center, anchor.center) || x.code.localeCompare(y.code));
    for (const v of rural.slice(0, Math.round(rural.length * share))) takenBy.set(v.code, b.id);
  }

  const rng = new Rng(seed, 'org');
  const person = (gender: 'male' | 'female', age: number) => names.fullName(rng, gender, age);
  const branches: BranchPlan[] = LAYOUT.map((b) => {
    const townCode = b.split ? b.split.fromTown : (b.towns[0] ?? '');
    const town = townByCode.get(townCode);
    if (!town) throw new Error(`branch ${b.id}: unknown town ${townCode}`);
    const villageCodes = b.split
      ? [...takenBy].filter(([, id]) => id === b.id).map(([code]) => code)
      : b.towns.flatMap((t) => (villagesByTown.get(t) ?? []).filter((v) => !takenBy.has(v.code)).map((v) => v.code));
    villageCodes.sort();
    const shortName = b.shortName ?? townShortName(town.name);
    const location = anchors.get(b.id) ?? town.center;
    const addressPlace = b.split ? `${town.name}${shortName}` : town.name;
    return {
      id: b.id,
      name: `泰兴农商行${shortName}支行`,
      townCode,
      address: `泰兴市${addressPlace}${rng.pick(ROADS)}${rng.int(1, 188)}号`,
      location,
      villageCodes,
      managerCount: managersFor(villageCodes.length),
    };
  });

  // Staff: the fixed demo accounts of api-contract.md, then one president and the managers
  // of every branch, all named with the same pattern (bp.07, m.07.03).
  const staff: StaffPlan[] = [];
  let employee = 1000;
  const add = (username: string, role: Role, branchId: string | null, name: string) =>
    staff.push({ username, role, branchId, name, employeeNo: `TX${String(++employee)}` });
  add('admin', 'admin', null, '系统管理员');
  add('hq.credit', 'hq_credit', null, person(rng.chance(0.6) ? 'male' : 'female', rng.int(38, 55)));
  add('hq.marketing', 'hq_marketing', null, person(rng.chance(0.5) ? 'male' : 'female', rng.int(32, 50)));
  for (const b of branches) {
    add(`bp.${b.id}`, 'branch_president', b.id, person(rng.chance(0.75) ? 'male' : 'female', rng.int(40, 56)));
    for (let m = 1; m <= b.managerCount; m++) {
      add(`m.${b.id}.${String(m).padStart(2, '0')}`, 'manager', b.id, person(rng.chance(0.55) ? 'male' : 'female', rng.int(24, 50)));
    }
  }

  // Grids: a branch's villages dealt round-robin to its managers, so every manager (m.01.01
  // included) has at least one village and every village exactly one manager.
  const gridManager = new Map<string, string>();
  const villageBranch = new Map<string, string>();
  for (const b of branches) {
    b.villageCodes.forEach((code, i) => {
      gridManager.set(code, `m.${b.id}.${String((i % b.managerCount) + 1).padStart(2, '0')}`);
      villageBranch.set(code, b.id);
    });
  }
  return { branches, staff, gridManager, villageBranch };
}

type SeedLike = string | number;

/**
 * How many households each village gets (same order as `villages`). Rural villages weigh
 * more than town communities (the bank's household files are mostly farmers); farms and
 * special zones get a few. Largest-remainder rounding makes the total exact.
 *
 * The villages of the demo managers (m.01.01, m.01.02, m.02.01) are served first with a few
 * households each, so that even a 200-household test bank gives those accounts data.
 */
export function villageQuotas(villages: readonly VillageDivision[], plan: OrgPlan, total: number, seed: SeedLike): number[] {
  const quotas = villages.map(() => 0);
  let remaining = total;

  const demoManagers = new Set<string>(DEMO_MANAGER_USERNAMES);
  const demoVillages = villages.map((v, i) => ({ v, i })).filter(({ v }) => demoManagers.has(plan.gridManager.get(v.code) ?? ''));
  const reserveEach = total >= 50 * Math.max(1, demoVillages.length) ? 3 : 1;
  for (let round = 0; round < reserveEach; round++) {
    for (const { i } of demoVillages) {
      if (remaining === 0) break;
      quotas[i] = (quotas[i] ?? 0) + 1;
      remaining--;
    }
  }

  const weights = villages.map((v) => {
    const rng = new Rng(seed, 'village-weight', v.code);
    if (v.kind === 'village') return rng.float(0.8, 1.5);
    if (v.kind === 'community') return rng.float(0.25, 0.7);
    return rng.float(0.05, 0.15);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * remaining);
  const floors = exact.map(Math.floor);
  let assigned = floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (assigned >= remaining) break;
    floors[i] = (floors[i] ?? 0) + 1;
    assigned++;
  }
  return quotas.map((q, i) => q + (floors[i] ?? 0));
}

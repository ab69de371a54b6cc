import { checkIdNumber, idBirthDate, idGender } from '@sunshine/shared';
import { ageOn } from '../ods/isoDate';
import { loadDivisions } from './divisions';
import { demoPopulation } from './demoPeople';
import type { DemoHousehold } from './householdFactory';
import { DEMO_MANAGER_USERNAMES, villageQuotas } from './orgPlan';
import { sumMoney } from './money';

/**
 * Invariants of the generated population, checked on the pure stream (no database), so a
 * few thousand households stay fast. seedDemoBank.test.ts checks what reaches the database.
 */
const ASOF = '2026-11-27';
const N = 3000;
const population = demoPopulation(20261128, N, ASOF);
const households: DemoHousehold[] = [...population.households()];
const walkIns = [...population.walkIns()];
const members = households.flatMap((h) => h.members);

/** Every number in a value, with its path, for the "at most two decimals" check. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

describe('generated households', () => {
  it('has the requested number of households, 1–6 members each, head first', () => {
    expect(households).toHaveLength(N);
    for (const h of households) {
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(6);
      expect(h.members[0]!.relation).toBe('head');
      expect(h.members.filter((m) => m.relation === 'head')).toHaveLength(1);
      expect(h.headName).toBe(h.members[0]!.name);
    }
  });

  it('gives every person a valid, unique ID number whose birth date and parity match', () => {
    const seen = new Set<string>();
    for (const m of [...members, ...walkIns]) {
      expect(checkIdNumber(m.idNumber)).toBeNull();
      expect(m.idNumber.slice(0, 6)).toBe('321283');
      expect(seen.has(m.idNumber)).toBe(false);
      seen.add(m.idNumber);
    }
    for (const m of members) {
      expect(idBirthDate(m.idNumber)).toBe(m.birthDate);
      expect(idGender(m.idNumber)).toBe(m.gender);
      expect(ageOn(m.birthDate, ASOF)).toBe(m.age);
    }
  });

  it('keeps relations sensible: spouses of opposite sex and similar age, children 20–35 years younger, parents older', () => {
    for (const h of households) {
      const head = h.members[0]!;
      for (const m of h.members) {
        if (m.relation === 'spouse') {
          expect(m.gender).not.toBe(head.gender);
          expect(Math.abs(m.age - head.age)).toBeLessThanOrEqual(7);
          expect(m.maritalStatus).toBe('married');
        }
        if (m.relation === 'child') {
          expect(head.age - m.age).toBeGreaterThanOrEqual(20);
          expect(head.age - m.age).toBeLessThanOrEqual(35);
          expect(m.name.startsWith(head.name.slice(0, 1))).toBe(true);
        }
        if (m.relation === 'parent') expect(m.age - head.age).toBeGreaterThanOrEqual(20);
        if (m.relation === 'grandchild') expect(head.age - m.age).toBeGreaterThanOrEqual(40);
        if (m.age < 16) expect(m.phone).toBeNull();
        if (m.phone !== null) expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
      }
      const spouses = h.members.filter((m) => m.relation === 'spouse');
      expect(spouses.length).toBeLessThanOrEqual(1);
      if (spouses.length === 1) expect(head.maritalStatus).toBe('married');
    }
  });

  it('has plausible education and occupations by age', () => {
    for (const m of members) {
      if (m.age < 6) expect(m.occupation).toBe('学龄前');
      if (m.age < 12) expect(m.education).toBe('primary_or_below');
    }
    const elderly = members.filter((m) => m.age >= 65);
    const primary = elderly.filter((m) => m.education === 'primary_or_below').length / elderly.length;
    expect(primary).toBeGreaterThan(0.5); // most older rural people left school after primary
    const young = members.filter((m) => m.age >= 23 && m.age < 35);
    expect(young.filter((m) => m.education === 'college' || m.education === 'bachelor_or_above').length / young.length).toBeGreaterThan(
      0.3,
    );
  });

  it('makes totals add up, with amounts of at most two decimals', () => {
    const bad: string[] = [];
    for (const h of households) {
      const a = h.assets;
      const parts = [
        ...a.houses.map((x) => x.appraisedValue),
        ...a.vehicles.map((x) => x.value),
        ...a.machinery.map((x) => x.value),
        ...a.livestock.map((x) => x.value),
        a.depositsElsewhere,
        a.otherAssets,
      ];
      expect(a.totalAssets).toBe(sumMoney(parts));
      expect(a.totalDebt).toBe(sumMoney(h.debts.map((d) => d.balance)));
      expect(a.netAssets).toBe(sumMoney([a.totalAssets, -a.totalDebt]));
      expect(h.finance.netIncome).toBeLessThanOrEqual(h.finance.annualIncome);
      expect(h.finance.perCapitaIncome).toBeCloseTo(h.finance.netIncome / h.members.length, 2);
      for (const [path, n] of numbers({ finance: h.finance, assets: h.assets, debts: h.debts, relationship: h.relationship })) {
        const twoDecimals = Number.isFinite(n) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6;
        if (!twoDecimals || (n < 0 && !path.endsWith('netAssets'))) bad.push(`${h.householdNo}${path}=${n}`);
      }
      // This bank's loans appear among the debts exactly as the ODS reports them.
      const ours = sumMoney(h.members.map((m) => m.bank?.loan?.balance ?? 0));
      expect(sumMoney(h.debts.filter((d) => d.lender === '泰兴农商行').map((d) => d.balance))).toBe(ours);
    }
    expect(bad).toEqual([]);
  });

  it('puts every household in a real village of 321283, with its town and the grid manager of its branch', () => {
    const villages = new Map(loadDivisions().villages.map((v) => [v.code, v]));
    for (const h of households) {
      const v = villages.get(h.villageCode);
      expect(v).toBeDefined();
      expect(h.townCode).toBe(v!.townCode);
      expect(h.householdNo.startsWith(h.villageCode)).toBe(true);
      expect(population.plan.gridManager.get(h.villageCode)).toBe(h.managerUsername);
      expect(population.plan.villageBranch.get(h.villageCode)).toBe(h.branchId);
      expect(h.managerUsername.startsWith(`m.${h.branchId}.`)).toBe(true);
    }
    expect(new Set(households.map((h) => h.householdNo)).size).toBe(N);
  });

  it('has list shares close to the bank’s (~1% blacklist, ~2% graylist, ~1.5% 低保)', () => {
    const adults = members.filter((m) => m.age >= 18).length;
    const lists = households.flatMap((h) => h.lists);
    const share = (kind: string) => lists.filter((l) => l.list === kind).length;
    expect(share('blacklist') / adults).toBeGreaterThan(0.004);
    expect(share('blacklist') / adults).toBeLessThan(0.02);
    expect(share('graylist') / adults).toBeGreaterThan(0.01);
    expect(share('graylist') / adults).toBeLessThan(0.035);
    expect(share('dibao') / N).toBeGreaterThan(0.007);
    expect(share('dibao') / N).toBeLessThan(0.03);
    for (const l of lists) expect(l.listedDate <= ASOF).toBe(true);
    const customers = members.filter((m) => m.bank);
    expect(customers.filter((m) => m.bank!.deposit).length / customers.length).toBeGreaterThan(0.85);
  });

  it('is deterministic: the same seed gives the same households, another seed others', () => {
    const again = [...demoPopulation(20261128, 200, ASOF).households()];
    const same = [...demoPopulation(20261128, 200, ASOF).households()];
    const other = [...demoPopulation(7, 200, ASOF).households()];
    expect(same).toEqual(again);
    expect(other.map((h) => h.members[0]!.idNumber)).not.toEqual(again.map((h) => h.members[0]!.idNumber));
  });
});

describe('organisation', () => {
  const plan = population.plan;

  it('has 20 branches 01..20 named after their towns, about 150 managers and the demo accounts', () => {
    expect(plan.branches.map((b) => b.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(plan.branches.find((b) => b.id === '04')!.name).toBe('泰兴农商行黄桥支行');
    for (const b of plan.branches) expect(b.name).toMatch(/^泰兴农商行.+支行$/);
    const managers = plan.staff.filter((s) => s.role === 'manager');
    expect(managers.length).toBeGreaterThan(130);
    expect(managers.length).toBeLessThan(170);
    for (const s of plan.staff) {
      if (s.role === 'manager') expect(s.username).toMatch(new RegExp(`^m\\.${s.branchId}\\.\\d{2}$`));
      if (s.role === 'branch_president') expect(s.username).toBe(`bp.${s.branchId}`);
    }
    expect(plan.staff.filter((s) => s.role === 'branch_president')).toHaveLength(20);
  });

  it('covers every village exactly once, by a manager of the covering branch', () => {
    const all = plan.branches.flatMap((b) => b.villageCodes);
    expect(all.length).toBe(371);
    expect(new Set(all).size).toBe(371);
    for (const b of plan.branches) {
      for (const v of b.villageCodes) expect(plan.gridManager.get(v)!.startsWith(`m.${b.id}.`)).toBe(true);
    }
  });

  it.each([10, 50, 200])('gives the demo managers households even in a %i-household bank', (total) => {
    const villages = loadDivisions().villages;
    const quotas = villageQuotas(villages, plan, total, 20261128);
    expect(quotas.reduce((a, b) => a + b, 0)).toBe(total);
    for (const username of DEMO_MANAGER_USERNAMES) {
      const mine = villages.map((v, i) => (plan.gridManager.get(v.code) === username ? (quotas[i] ?? 0) : 0)).reduce((a, b) => a + b, 0);
      expect(mine).toBeGreaterThan(0);
    }
  });
});

import type { EDUCATIONS, MARITAL_STATUSES, RELATIONS } from '@sunshine/shared';
import { addDays } from '../ods/isoDate';
import { buildBankProfile, isCustomer, overdueDaysOn, type BankProfile } from './bankProfile';
import type { ChineseNames } from './chineseNames';
import { townShortName, villageShortName, type TownDivision, type VillageDivision } from './divisions';
import { allocateIdentity, mobilePhone, type IdAllocator } from './identity';
import { round2, roundTo, sumMoney } from './money';
import { Rng } from './random';

/**
 * One synthetic household (一户一档) in clear, as a plain object: members with real-looking
 * identities, money, assets and debts that add up, and each member's standing with the bank.
 *
 * Clear ID numbers and phones exist only in memory here: toHouseholdDoc.ts encrypts them for
 * the database and the ODS writer puts them in the bank's batch files (which never go to git).
 */
type Relation = (typeof RELATIONS)[number];
type Education = (typeof EDUCATIONS)[number];
type MaritalStatus = (typeof MARITAL_STATUSES)[number];
type Gender = 'male' | 'female';

export interface DemoMember {
  relation: Relation;
  name: string;
  idNumber: string;
  phone: string | null;
  gender: Gender;
  birthDate: string;
  age: number;
  education: Education;
  maritalStatus: MaritalStatus;
  occupation: string;
  bank: BankProfile | null;
}

export type ListKind = 'blacklist' | 'graylist' | 'dibao';

export interface ListEntry {
  list: ListKind;
  idNumber: string;
  name: string;
  reason: string;
  listedDate: string;
}

export interface ValuedItem {
  kind: string;
  count: number;
  /** Value of the whole line (count × unit price), in yuan. */
  value: number;
}

export interface House {
  kind: 'main' | 'side' | 'flat';
  structure: string;
  rooms: number;
  estate: string;
  area: number;
  appraisedValue: number;
}

export interface Debt {
  lender: string;
  kind: 'bank_loan' | 'credit_loan' | 'private' | 'other';
  balance: number;
}

export interface DemoHousehold {
  index: number;
  householdNo: string;
  villageCode: string;
  townCode: string;
  branchId: string;
  managerUsername: string;
  address: string;
  headName: string;
  members: DemoMember[];
  finance: {
    annualIncome: number;
    netIncome: number;
    perCapitaIncome: number;
    annualSpending: number;
    mainBusiness: string;
    incomeSource: string;
    businessScale: string;
    workingCapital: number;
  };
  assets: {
    houses: House[];
    vehicles: ValuedItem[];
    machinery: ValuedItem[];
    livestock: ValuedItem[];
    landArea: number;
    depositsElsewhere: number;
    otherAssets: number;
    totalAssets: number;
    totalDebt: number;
    netAssets: number;
  };
  debts: Debt[];
  relationship: { firstLoanDate: string | null; defaults: number; avgDailyDeposit1y: number; products: string[] };
  softInfo: { flags: string[]; notes: string };
  lists: ListEntry[];
}

export interface FactoryContext {
  seed: string | number;
  /** The date ages, balances and arrears are computed for (the business date). */
  asOf: string;
  names: ChineseNames;
  ids: IdAllocator;
  towns: ReadonlyMap<string, TownDivision>;
}

export interface HouseholdPlacement {
  index: number;
  village: VillageDivision;
  /** 1-based position of the household in its village, for the 户号. */
  seqInVillage: number;
  branchId: string;
  managerUsername: string;
}

// ---------------------------------------------------------------------------------------
// Who lives together. Rural Jiangsu is ageing: many elderly couples and widows, families of
// three generations, and young adults away at work (so smaller working-age households).
// ---------------------------------------------------------------------------------------
type Composition = 'elderly_couple' | 'elderly_single' | 'nuclear' | 'three_gen' | 'stem' | 'single_adult';
const COMPOSITIONS: readonly (readonly [Composition, number])[] = [
  ['elderly_couple', 24],
  ['elderly_single', 8],
  ['nuclear', 30],
  ['three_gen', 20],
  ['stem', 13],
  ['single_adult', 5],
];

interface MemberSpec {
  relation: Relation;
  gender: Gender;
  age: number;
  surname: string;
  marital: MaritalStatus;
}

// ---------------------------------------------------------------------------------------
// What the household lives on.
// ---------------------------------------------------------------------------------------
type Business =
  | 'wage'
  | 'grain_small'
  | 'grain_large'
  | 'vegetables'
  | 'ginkgo'
  | 'pigs'
  | 'poultry'
  | 'fish'
  | 'shop'
  | 'transport'
  | 'construction'
  | 'pension';
const BUSINESSES: readonly (readonly [Business, number])[] = [
  ['wage', 42],
  ['grain_small', 15],
  ['grain_large', 4],
  ['vegetables', 5],
  ['ginkgo', 3],
  ['pigs', 3],
  ['poultry', 3],
  ['fish', 3],
  ['shop', 8],
  ['transport', 3],
  ['construction', 5],
];
const BUSINESS_LABEL: Record<Business, string> = {
  wage: '务工',
  grain_small: '务工兼种植',
  grain_large: '粮食种植',
  vegetables: '蔬菜种植',
  ginkgo: '银杏种植',
  pigs: '生猪养殖',
  poultry: '家禽养殖',
  fish: '水产养殖',
  shop: '个体经营',
  transport: '交通运输',
  construction: '建筑装修',
  pension: '养老金及子女赡养',
};
const INCOME_SOURCE: Record<Business, string> = {
  wage: '工资性收入',
  grain_small: '工资性收入',
  grain_large: '种植业收入',
  vegetables: '种植业收入',
  ginkgo: '种植业收入',
  pigs: '养殖业收入',
  poultry: '养殖业收入',
  fish: '养殖业收入',
  shop: '经营性收入',
  transport: '经营性收入',
  construction: '经营性收入',
  pension: '转移性收入',
};
const OWNER_OCCUPATION: Partial<Record<Business, string>> = {
  grain_large: '种植户',
  vegetables: '种植户',
  ginkgo: '种植户',
  pigs: '养殖户',
  poultry: '养殖户',
  fish: '养殖户',
  shop: '个体工商户',
  transport: '运输司机',
  construction: '建筑工人',
};
const WAGE_JOBS: readonly (readonly [string, number])[] = [
  ['企业职工', 35],
  ['外出务工', 33],
  ['建筑工人', 9],
  ['服务业人员', 8],
  ['教师', 3],
  ['医护人员', 2],
  ['村干部', 2],
  ['公务员', 2],
  ['个体工商户', 6],
];
/** Median yearly personal income by occupation (yuan), before log-normal spread. */
const WAGE_MEDIAN: Record<string, number> = {
  企业职工: 56_000,
  外出务工: 62_000,
  建筑工人: 62_000,
  服务业人员: 45_000,
  教师: 95_000,
  医护人员: 85_000,
  村干部: 48_000,
  公务员: 100_000,
  个体工商户: 70_000,
  务农: 16_000,
  退休: 36_000,
};
/** The basic rural pension (城乡居民基本养老保险) of a person over 60 who has no other pension. */
const RURAL_PENSION = 2_640;

const LENDERS_BANK = ['中国农业银行泰兴支行', '邮储银行泰兴市支行', '江苏银行泰兴支行', '中国建设银行泰兴支行', '中国工商银行泰兴支行'];
const LENDERS_CREDIT = ['信用卡', '网商银行', '微众银行', '京东金融'];
const ESTATE_SUFFIXES = ['花园', '新村', '家园', '华府', '名苑', '锦苑', '世纪城', '御府'];
const ROADS = [
  '人民路',
  '文昌路',
  '鼓楼路',
  '国庆路',
  '羌溪路',
  '延令路',
  '济川路',
  '银杏路',
  '振兴路',
  '兴泰路',
  '府前路',
  '建设路',
  '团结路',
  '工农路',
];
const NOTES = [
  '村民评议：为人诚实守信，邻里和睦。',
  '家庭勤劳肯干，村里口碑较好。',
  '户主常年在外务工，家中老人留守。',
  '经营状况稳定，有扩大规模的意向。',
  '子女在外工作，对家庭有一定经济支持。',
  '家中有慢性病人，医疗支出较大。',
  '热心村里公益，多次参与村务。',
];

export const BANK_NAME = '泰兴农商行';

export class HouseholdFactory {
  constructor(private readonly ctx: FactoryContext) {}

  build(place: HouseholdPlacement): DemoHousehold {
    const { ctx } = this;
    const rng = new Rng(ctx.seed, 'household', place.index);
    const town = ctx.towns.get(place.village.townCode);
    if (!town) throw new Error(`unknown town ${place.village.townCode}`);
    const rural = place.village.kind !== 'community';

    const composition = rng.weighted(COMPOSITIONS);
    const specs = this.compose(rng, composition);
    const business: Business =
      composition === 'elderly_single' || (composition === 'elderly_couple' && rng.chance(0.7))
        ? rng.chance(0.5) && rural
          ? 'grain_small'
          : 'pension'
        : rural
          ? rng.weighted(BUSINESSES)
          : rng.weighted(BUSINESSES.filter(([b]) => ['wage', 'shop', 'transport', 'construction'].includes(b)));

    // Members: identity, schooling, work, income.
    const incomes: number[] = [];
    const members: DemoMember[] = specs.map((s, i) => {
      const { idNumber, birthDate } = allocateIdentity(ctx.ids, rng, s.age, s.gender, ctx.asOf);
      const name = s.surname + ctx.names.givenName(rng, s.gender, s.age);
      const { occupation, owner } = this.occupation(rng, s, i === 0, business);
      incomes.push(this.personalIncome(rng, occupation, owner, s.age));
      const phoneChance = s.age < 16 ? 0 : s.age < 60 ? 0.97 : s.age < 75 ? 0.8 : 0.45;
      return {
        relation: s.relation,
        name,
        idNumber,
        phone: rng.chance(phoneChance) ? mobilePhone(rng) : null,
        gender: s.gender,
        birthDate,
        age: s.age,
        education: this.education(rng, s.age),
        maritalStatus: s.marital,
        occupation,
        bank: null,
      };
    });

    // Business revenue and costs, land and stock.
    const size = members.length;
    const landArea = rural ? Math.round(size * rng.float(0.7, 1.5) * 10) / 10 : 0;
    const biz = this.businessEconomy(rng, business, landArea);
    const wageIncome = incomes.reduce((a, b) => a + b, 0);
    const annualIncome = roundTo(wageIncome + biz.revenue, 100);
    const netIncome = roundTo(Math.max(0, annualIncome - biz.cost), 100);
    const schoolKids = members.filter((m) => m.age >= 6 && m.age <= 22 && m.occupation === '学生').length;
    const elderly = members.filter((m) => m.age >= 70).length;
    const annualSpending = roundTo(9_000 * size ** 0.75 * rng.float(0.85, 1.3) + schoolKids * 6_000 + elderly * 3_000, 100);

    // The bank: profiles of members who are customers.
    const isBusiness = biz.revenue > 0 && business !== 'grain_small';
    members.forEach((m, i) => {
      const prng = new Rng(ctx.seed, 'bank', place.index, i);
      if (!isCustomer(prng, m.age)) return;
      m.bank = buildBankProfile(prng, {
        customerNo: householdCustomerNo(place.index, i),
        age: m.age,
        birthDate: m.birthDate,
        householdNetIncome: netIncome,
        business: isBusiness && (m.relation === 'head' || m.relation === 'spouse'),
        asOf: ctx.asOf,
      });
    });

    const houses = this.houses(rng, rural, town, size, netIncome);
    const vehicles = this.vehicles(rng, business, netIncome);
    const depositsElsewhere = rng.chance(0.1) ? 0 : round2(rng.logNormal(25_000, 1) * Math.max(0.3, netIncome / 60_000));
    const otherAssets = rng.chance(0.3) ? roundTo(rng.float(5_000, 50_000), 1000) : 0;
    const debts = this.debts(rng, members, houses);
    const totalAssets = sumMoney([
      ...houses.map((h) => h.appraisedValue),
      ...vehicles.map((v) => v.value),
      ...biz.machinery.map((v) => v.value),
      ...biz.livestock.map((v) => v.value),
      depositsElsewhere,
      otherAssets,
    ]);
    const totalDebt = sumMoney(debts.map((d) => d.balance));

    const head = members[0];
    if (!head) throw new Error('a household has at least its head');
    const villageName = villageShortName(place.village.name);
    const address = rural
      ? `泰兴市${town.name}${villageName}${rng.int(1, 18)}组${rng.int(1, 68)}号`
      : `泰兴市${town.name}${villageName}${rng.pick(ROADS)}${rng.int(1, 260)}号${rng.int(1, 30)}幢${rng.int(1, 6)}0${rng.int(1, 4)}室`;

    const household: DemoHousehold = {
      index: place.index,
      householdNo: `${place.village.code}${String(place.seqInVillage).padStart(5, '0')}`,
      villageCode: place.village.code,
      townCode: place.village.townCode,
      branchId: place.branchId,
      managerUsername: place.managerUsername,
      address,
      headName: head.name,
      members,
      finance: {
        annualIncome,
        netIncome,
        perCapitaIncome: round2(netIncome / size),
        annualSpending,
        mainBusiness: BUSINESS_LABEL[business],
        incomeSource: INCOME_SOURCE[business],
        businessScale: biz.scale,
        workingCapital: biz.workingCapital,
      },
      assets: {
        houses,
        vehicles,
        machinery: biz.machinery,
        livestock: biz.livestock,
        landArea,
        depositsElsewhere,
        otherAssets,
        totalAssets,
        totalDebt,
        netAssets: sumMoney([totalAssets, -totalDebt]),
      },
      debts,
      relationship: relationshipOf(rng, members),
      softInfo: this.softInfo(rng),
      lists: [],
    };
    household.lists = this.lists(rng, household);
    return household;
  }

  /** Relations, genders, ages and surnames of the members; the head comes first. */
  private compose(rng: Rng, composition: Composition): MemberSpec[] {
    const { names } = this.ctx;
    const specs: MemberSpec[] = [];
    const headSurname = names.surname(rng);
    const other = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');
    const addHead = (age: number, gender: Gender, marital: MaritalStatus) =>
      specs.push({ relation: 'head', gender, age, surname: headSurname, marital });
    const addSpouse = (head: MemberSpec) => {
      // Husbands are usually a few years older than their wives.
      const age = head.gender === 'male' ? head.age - rng.int(-2, 5) : head.age + rng.int(-2, 5);
      specs.push({
        relation: 'spouse',
        gender: other(head.gender),
        age: Math.max(20, age),
        surname: names.surname(rng),
        marital: 'married',
      });
    };
    /**
     * A child's age: at least 22 years younger than the younger parent and at most 35 younger
     * than the older one (so 20–35 years between the head and the child), or null when the
     * parents are too young for a child of at least `min` years.
     */
    const childAge = (parents: readonly number[], min = 0): number | null => {
      const lo = Math.max(min, 0, Math.max(...parents) - 35);
      const hi = Math.min(...parents) - 22;
      return lo > hi ? null : rng.int(lo, hi);
    };
    const parentsOf = () => specs.filter((s) => s.relation === 'head' || s.relation === 'spouse').map((s) => s.age);
    const addChildren = (count: number) => {
      for (let i = 0; i < count; i++) {
        const age = childAge(parentsOf());
        if (age === null) continue;
        const marital: MaritalStatus =
          age < 22 ? 'single' : rng.chance(age >= 30 ? 0.45 : 0.2) ? 'married' : rng.chance(0.85) ? 'single' : 'divorced';
        specs.push({ relation: 'child', gender: rng.chance(0.5) ? 'male' : 'female', age, surname: headSurname, marital });
      }
    };
    const addAdultChild = () => {
      const age = childAge(parentsOf(), 22);
      if (age === null) return;
      specs.push({
        relation: 'child',
        gender: rng.chance(0.6) ? 'male' : 'female',
        age,
        surname: headSurname,
        marital: rng.chance(0.7) ? 'single' : 'divorced',
      });
    };
    const addParents = (head: MemberSpec, count: number) => {
      const fatherAge = Math.min(96, head.age + rng.int(22, 33));
      if (count === 2) {
        specs.push({ relation: 'parent', gender: 'male', age: fatherAge, surname: headSurname, marital: 'married' });
        const motherAge = Math.min(96, Math.max(head.age + 21, fatherAge - rng.int(-2, 5)));
        specs.push({ relation: 'parent', gender: 'female', age: motherAge, surname: names.surname(rng), marital: 'married' });
      } else {
        const gender: Gender = rng.chance(0.65) ? 'female' : 'male'; // women outlive men
        specs.push({
          relation: 'parent',
          gender,
          age: fatherAge,
          surname: gender === 'male' ? headSurname : names.surname(rng),
          marital: rng.chance(0.9) ? 'widowed' : 'divorced',
        });
      }
    };

    switch (composition) {
      case 'elderly_couple': {
        addHead(rng.int(60, 86), rng.chance(0.88) ? 'male' : 'female', 'married');
        const head = specs[0]!;
        addSpouse(head);
        if (rng.chance(0.15)) addAdultChild();
        break;
      }
      case 'elderly_single': {
        const gender: Gender = rng.chance(0.6) ? 'female' : 'male';
        addHead(
          rng.int(65, 93),
          gender,
          rng.weighted([
            ['widowed', 80],
            ['divorced', 10],
            ['single', 10],
          ] as const),
        );
        if (rng.chance(0.1)) addAdultChild();
        break;
      }
      case 'nuclear': {
        const withSpouse = rng.chance(0.9);
        addHead(rng.int(28, 58), rng.chance(0.85) ? 'male' : 'female', withSpouse ? 'married' : rng.chance(0.6) ? 'divorced' : 'widowed');
        const head = specs[0]!;
        if (withSpouse) addSpouse(head);
        addChildren(
          rng.weighted([
            [1, 50],
            [2, 42],
            [3, 8],
          ] as const),
        );
        break;
      }
      case 'three_gen': {
        addHead(rng.int(30, 48), rng.chance(0.85) ? 'male' : 'female', 'married');
        const head = specs[0]!;
        addSpouse(head);
        addChildren(rng.chance(0.6) ? 1 : 2);
        addParents(head, rng.chance(0.6) ? 2 : 1);
        break;
      }
      case 'stem': {
        addHead(rng.int(52, 68), rng.chance(0.88) ? 'male' : 'female', 'married');
        const head = specs[0]!;
        addSpouse(head);
        // A married son or daughter with their spouse (儿媳/女婿, relation "other") and children.
        const age = childAge(parentsOf(), 24);
        if (age === null) break;
        const childGender: Gender = rng.chance(0.75) ? 'male' : 'female';
        specs.push({ relation: 'child', gender: childGender, age, surname: headSurname, marital: 'married' });
        const inLawSurname = names.surname(rng);
        const inLawAge = Math.max(22, age + rng.int(-3, 3));
        specs.push({ relation: 'other', gender: other(childGender), age: inLawAge, surname: inLawSurname, marital: 'married' });
        const grandSurname = childGender === 'male' ? headSurname : inLawSurname;
        for (let i = 0, n = rng.chance(0.6) ? 1 : 2; i < n; i++) {
          const grandAge = childAge([age, inLawAge]);
          if (grandAge !== null)
            specs.push({
              relation: 'grandchild',
              gender: rng.chance(0.5) ? 'male' : 'female',
              age: grandAge,
              surname: grandSurname,
              marital: 'single',
            });
        }
        break;
      }
      case 'single_adult': {
        addHead(rng.int(22, 55), rng.chance(0.7) ? 'male' : 'female', rng.chance(0.6) ? 'single' : 'divorced');
        if (rng.chance(0.3)) addParents(specs[0]!, 1);
        break;
      }
    }

    // Now and then an unmarried brother or sister lives with the head.
    const head = specs[0]!;
    if (specs.length < 6 && rng.chance(0.03)) {
      const gender: Gender = rng.chance(0.6) ? 'male' : 'female';
      specs.push({
        relation: 'sibling',
        gender,
        age: Math.max(18, head.age + rng.int(-8, 8)),
        surname: headSurname,
        marital: rng.chance(0.7) ? 'single' : 'divorced',
      });
    }
    return specs.slice(0, 6);
  }

  /** Schooling by birth cohort: older rural people mostly left school after primary. */
  private education(rng: Rng, age: number): Education {
    if (age < 12) return 'primary_or_below';
    if (age < 16) return 'junior_high';
    if (age < 19) return rng.chance(0.75) ? 'senior_high' : 'junior_high';
    if (age < 23)
      return rng.weighted([
        ['junior_high', 15],
        ['senior_high', 35],
        ['college', 30],
        ['bachelor_or_above', 20],
      ] as const);
    if (age < 35)
      return rng.weighted([
        ['primary_or_below', 2],
        ['junior_high', 25],
        ['senior_high', 25],
        ['college', 28],
        ['bachelor_or_above', 20],
      ] as const);
    if (age < 50)
      return rng.weighted([
        ['primary_or_below', 10],
        ['junior_high', 55],
        ['senior_high', 22],
        ['college', 9],
        ['bachelor_or_above', 4],
      ] as const);
    if (age < 65)
      return rng.weighted([
        ['primary_or_below', 35],
        ['junior_high', 50],
        ['senior_high', 12],
        ['college', 3],
      ] as const);
    return rng.weighted([
      ['primary_or_below', 72],
      ['junior_high', 23],
      ['senior_high', 5],
    ] as const);
  }

  /** What a member does; `owner` marks the people who run the household's business. */
  private occupation(rng: Rng, s: MemberSpec, isHead: boolean, business: Business): { occupation: string; owner: boolean } {
    const job = (occupation: string) => ({ occupation, owner: false });
    if (s.age < 6) return job('学龄前');
    if (s.age < 19) return job('学生');
    if (s.age < 23 && rng.chance(0.45)) return job('学生');
    if (s.age >= 75) return job(rng.chance(0.3) ? '退休' : '无业');
    if (s.age >= 60) {
      if (business === 'grain_small' || business === 'pension')
        return job(
          rng.weighted([
            ['务农', 55],
            ['退休', 30],
            ['无业', 15],
          ] as const),
        );
      return job(
        rng.weighted([
          ['务农', 40],
          ['退休', 35],
          ['无业', 25],
        ] as const),
      );
    }
    const ownerJob = OWNER_OCCUPATION[business];
    if (ownerJob && (isHead || (s.relation === 'spouse' && rng.chance(0.6)))) return { occupation: ownerJob, owner: true };
    if (s.relation === 'spouse' && rng.chance(0.1)) return job('家庭主妇');
    if (business === 'grain_small' && rng.chance(0.25)) return job('务农');
    return job(rng.weighted(WAGE_JOBS));
  }

  private personalIncome(rng: Rng, occupation: string, owner: boolean, age: number): number {
    // The basic rural pension comes on top for over-60s without an employee pension.
    const pension = age >= 60 && occupation !== '退休' ? RURAL_PENSION : 0;
    // Owners live on the business, whose revenue and costs are counted once, at household level.
    if (owner) return pension;
    const median = WAGE_MEDIAN[occupation];
    if (median === undefined) return pension;
    return Math.round(rng.logNormal(median, 0.3)) + pension;
  }

  private businessEconomy(rng: Rng, business: Business, contractedLand: number) {
    const machinery: ValuedItem[] = [];
    const livestock: ValuedItem[] = [];
    let revenue = 0;
    let cost = 0;
    let scale = '';
    const item = (kind: string, count: number, unit: number) => ({ kind, count, value: roundTo(count * unit, 100) });
    switch (business) {
      case 'grain_small':
        revenue = contractedLand * 1_300;
        cost = contractedLand * 750;
        scale = contractedLand > 0 ? `自种承包地${contractedLand}亩` : '';
        break;
      case 'grain_large': {
        const land = rng.int(30, 300);
        revenue = land * 1_300;
        cost = land * 950; // seed, fertiliser, machinery hire and ~600/亩 land rent
        scale = `流转土地${land}亩，稻麦轮作`;
        machinery.push(item('拖拉机', 1, rng.int(50_000, 150_000)));
        if (rng.chance(0.5)) machinery.push(item('联合收割机', 1, rng.int(150_000, 300_000)));
        if (rng.chance(0.4)) machinery.push(item('插秧机', 1, rng.int(30_000, 80_000)));
        if (rng.chance(0.3)) machinery.push(item('植保无人机', 1, rng.int(30_000, 60_000)));
        break;
      }
      case 'vegetables': {
        const land = rng.int(5, 40);
        revenue = land * 8_000;
        cost = land * 4_800;
        scale = `蔬菜大棚${land}亩`;
        machinery.push(item('微耕机', rng.int(1, 2), rng.int(3_000, 8_000)));
        break;
      }
      case 'ginkgo': {
        const land = rng.int(10, 80);
        revenue = land * 3_000;
        cost = land * 1_300;
        scale = `银杏园${land}亩`;
        machinery.push(item('微耕机', 1, rng.int(3_000, 8_000)));
        break;
      }
      case 'pigs': {
        const n = rng.int(50, 800);
        revenue = n * 3_000;
        cost = n * 2_600;
        scale = `存栏生猪${n}头`;
        livestock.push(item('生猪', n, 1_500));
        break;
      }
      case 'poultry': {
        const n = roundTo(rng.int(1_000, 20_000), 100);
        revenue = n * 45;
        cost = n * 38;
        scale = `家禽存栏${n}羽`;
        livestock.push(item('家禽', n, 40));
        break;
      }
      case 'fish': {
        const land = rng.int(10, 100);
        revenue = land * 6_000;
        cost = land * 4_200;
        scale = `鱼塘${land}亩`;
        livestock.push(item('成鱼（亩）', land, 8_000));
        break;
      }
      case 'shop': {
        revenue = roundTo(rng.logNormal(400_000, 0.5), 1000);
        cost = revenue * rng.float(0.75, 0.85);
        scale = `门店1间，年营业额约${Math.round(revenue / 10_000)}万元`;
        break;
      }
      case 'transport': {
        const trucks = rng.weighted([
          [1, 70],
          [2, 22],
          [3, 8],
        ] as const);
        revenue = trucks * rng.int(150_000, 300_000);
        cost = revenue * 0.62;
        scale = `货车${trucks}辆`;
        machinery.push(item('货车', trucks, rng.int(80_000, 300_000)));
        break;
      }
      case 'construction': {
        const crew = rng.int(3, 25);
        revenue = crew * rng.int(60_000, 90_000);
        cost = revenue * 0.75;
        scale = `施工队${crew}人`;
        break;
      }
      case 'wage':
      case 'pension':
        break;
    }
    const workingCapital = revenue > 0 && business !== 'grain_small' ? roundTo(revenue * rng.float(0.15, 0.4), 1000) : 0;
    return { revenue: Math.round(revenue), cost: Math.round(cost), scale, machinery, livestock, workingCapital };
  }

  private houses(rng: Rng, rural: boolean, town: TownDivision, size: number, netIncome: number): House[] {
    const houses: House[] = [];
    const urbanPrice = town.kind === 'subdistrict' ? rng.int(7_500, 10_000) : rng.int(4_500, 6_500);
    const flat = (): House => {
      const area = rng.int(70, 140);
      return {
        kind: 'flat',
        structure: '框架',
        rooms: area < 90 ? 2 : area < 120 ? 3 : 4,
        estate: `${townShortName(town.name)}${rng.pick(ESTATE_SUFFIXES)}`,
        area,
        appraisedValue: roundTo(area * urbanPrice, 1000),
      };
    };
    if (!rural) {
      houses.push(flat());
      return houses;
    }
    const structure = rng.weighted([
      ['砖混', 60],
      ['框架', 20],
      ['砖木', 20],
    ] as const);
    const unit = structure === '框架' ? rng.int(1_300, 2_000) : structure === '砖混' ? rng.int(900, 1_500) : rng.int(400, 800);
    const area = rng.int(100, 150) + size * rng.int(10, 30);
    houses.push({
      kind: 'main',
      structure,
      rooms: Math.min(9, Math.max(3, Math.round(area / 35))),
      estate: '',
      area,
      appraisedValue: roundTo(area * unit, 1000),
    });
    if (rng.chance(0.35)) {
      const sideArea = rng.int(20, 60);
      houses.push({
        kind: 'side',
        structure: rng.chance(0.5) ? '砖木' : '砖混',
        rooms: rng.int(1, 3),
        estate: '',
        area: sideArea,
        appraisedValue: roundTo(sideArea * 500, 1000),
      });
    }
    if (rng.chance(netIncome > 100_000 ? 0.45 : 0.18)) houses.push(flat());
    return houses;
  }

  private vehicles(rng: Rng, business: Business, netIncome: number): ValuedItem[] {
    const vehicles: ValuedItem[] = [];
    if (rng.chance(netIncome > 80_000 ? 0.75 : 0.45))
      vehicles.push({ kind: '小型轿车', count: 1, value: roundTo(rng.logNormal(80_000, 0.5), 1000) });
    if (netIncome > 150_000 && rng.chance(0.3))
      vehicles.push({ kind: '小型轿车', count: 1, value: roundTo(rng.logNormal(150_000, 0.4), 1000) });
    if (['grain_small', 'grain_large', 'vegetables', 'ginkgo', 'poultry', 'pension'].includes(business) && rng.chance(0.35)) {
      vehicles.push({ kind: '电动三轮车', count: 1, value: roundTo(rng.int(2_000, 5_000), 100) });
    }
    return vehicles;
  }

  private debts(rng: Rng, members: DemoMember[], houses: House[]): Debt[] {
    const debts: Debt[] = [];
    // What the members owe this bank is in the ODS; the household file shows the same total.
    const ours = sumMoney(members.map((m) => m.bank?.loan?.balance ?? 0));
    if (ours > 0) debts.push({ lender: BANK_NAME, kind: 'bank_loan', balance: ours });
    if (houses.some((h) => h.kind === 'flat') && rng.chance(0.5)) {
      debts.push({ lender: rng.pick(LENDERS_BANK), kind: 'bank_loan', balance: roundTo(rng.float(100_000, 600_000), 100) });
    } else if (rng.chance(0.08)) {
      debts.push({ lender: rng.pick(LENDERS_BANK), kind: 'bank_loan', balance: roundTo(rng.float(30_000, 300_000), 100) });
    }
    if (rng.chance(0.08)) debts.push({ lender: rng.pick(LENDERS_CREDIT), kind: 'credit_loan', balance: round2(rng.float(2_000, 50_000)) });
    if (rng.chance(0.06)) debts.push({ lender: '亲友借款', kind: 'private', balance: roundTo(rng.float(10_000, 100_000), 1000) });
    return debts;
  }

  private softInfo(rng: Rng): DemoHousehold['softInfo'] {
    const flags: string[] = [];
    if (rng.chance(0.6)) flags.push('peer_review_positive');
    if (rng.chance(0.7)) flags.push('neighbour_harmony');
    if (rng.chance(0.02)) flags.push('bad_habit');
    if (rng.chance(0.02)) flags.push('family_dispute');
    return { flags, notes: rng.chance(0.25) ? rng.pick(NOTES) : '' };
  }

  /**
   * Blacklist (~1% of adults), graylist (~2%) and 低保 (~1.5% of households, listed under
   * the head). Lists follow arrears where there are any, and a few entries have other causes.
   */
  private lists(rng: Rng, h: DemoHousehold): ListEntry[] {
    const { asOf } = this.ctx;
    const entries: ListEntry[] = [];
    for (const m of h.members) {
      if (m.age < 18) continue;
      const overdue = m.bank ? overdueDaysOn(m.bank, asOf) : 0;
      if ((overdue >= 90 && rng.chance(0.5)) || rng.chance(0.007)) {
        entries.push({
          list: 'blacklist',
          idNumber: m.idNumber,
          name: m.name,
          reason: overdue >= 90 ? '贷款逾期90天以上' : rng.pick(['法院失信被执行人', '涉嫌买卖银行账户', '恶意逃废债']),
          listedDate: overdue >= 90 ? addDays(m.bank!.loan!.overdueSince!, 90) : addDays(asOf, -rng.int(1, 900)),
        });
      } else if ((overdue > 0 && rng.chance(0.4)) || rng.chance(0.017)) {
        entries.push({
          list: 'graylist',
          idNumber: m.idNumber,
          name: m.name,
          reason: overdue > 0 ? '贷款逾期' : rng.pick(['多头借贷', '为他人担保代偿', '频繁大额现金交易', '涉诉']),
          listedDate: overdue > 0 ? addDays(m.bank!.loan!.overdueSince!, 1) : addDays(asOf, -rng.int(1, 700)),
        });
      }
    }
    const head = h.members[0]!;
    const poor = h.finance.perCapitaIncome < 10_000;
    if (rng.chance(poor ? 0.12 : 0.006)) {
      entries.push({
        list: 'dibao',
        idNumber: head.idNumber,
        name: head.name,
        reason: '最低生活保障',
        listedDate: addDays(asOf, -rng.int(30, 1500)),
      });
    }
    // Listed dates never lie in the future of the business date.
    return entries.filter((e) => e.listedDate <= asOf);
  }
}

/** Customer numbers sort in generation order, as the ODS files must (by customer_no). */
export function householdCustomerNo(householdIndex: number, memberIndex: number): string {
  return `1${String(householdIndex).padStart(8, '0')}${memberIndex}`;
}

function relationshipOf(rng: Rng, members: DemoMember[]): DemoHousehold['relationship'] {
  const profiles = members.map((m) => m.bank).filter((b): b is BankProfile => b !== null);
  const loanDates = profiles
    .map((p) => p.loan?.firstLoanDate)
    .filter((d): d is string => !!d)
    .sort();
  const products = new Set<string>();
  for (const p of profiles) {
    if (p.deposit) products.add('存款');
    if (p.loan) products.add('贷款');
    if (p.wealth > 0) products.add('理财');
    if (p.ebank) products.add('网上银行');
    if (p.mobile) products.add('手机银行');
  }
  const inArrears = profiles.filter((p) => p.loan?.overdueSince).length;
  return {
    firstLoanDate: loanDates[0] ?? null,
    defaults: inArrears + (loanDates.length > 0 && rng.chance(0.03) ? 1 : 0),
    avgDailyDeposit1y: sumMoney(profiles.map((p) => p.deposit?.avg1y ?? 0)),
    products: ['存款', '贷款', '理财', '网上银行', '手机银行'].filter((p) => products.has(p)),
  };
}

/**
 * 阳光信贷 household pre-credit model `sunshine-v1`, transcribed from
 * /shared/spec/credit-model-sunshine-v1.md. Every threshold, point, coefficient and message of the
 * policy is here and nowhere else: the engine interprets this object. A `sunshine-v2` is a copy of
 * this file with its own numbers, registered in modelRegistry.ts.
 *
 * Amounts are yuan. Ranges are [from, to): `to` is excluded, as the spec's scorecard says.
 */
import type { CreditModel } from '../modelDefinition';

export const sunshineV1: CreditModel<'sunshine-v1'> = {
  version: 'sunshine-v1',

  // "A check dated exactly 30 days before asOf is still fresh."
  checkFreshnessDays: 30,

  // Spec §1. Conditions on a check that is null read `undefined` and never match, so R02 and R04
  // look only at a check that is present; R10 is one rule, so it fires once however many checks
  // are missing or stale.
  admission: [
    {
      conditions: { all: [{ fact: 'checks.blacklist', operator: 'equal', value: true }] },
      event: { code: 'R01_BLACKLIST', outcome: 'reject', message: '命中本行黑名单' },
    },
    {
      conditions: {
        any: [
          { fact: 'checks.judicial.dishonestDebtor', operator: 'equal', value: true },
          { fact: 'checks.judicial.enforcement', operator: 'equal', value: true },
          { fact: 'checks.judicial.frozenAssets', operator: 'equal', value: true },
        ],
      },
      event: { code: 'R02_JUDICIAL', outcome: 'reject', message: '司法查控发现失信、被执行或资产冻结记录' },
    },
    {
      conditions: { all: [{ fact: 'checks.subsistenceAllowance', operator: 'equal', value: true }] },
      event: { code: 'R03_SUBSISTENCE', outcome: 'reject', message: '家庭为低保户，暂不符合授信条件' },
    },
    {
      conditions: { all: [{ fact: 'checks.provincialWarning.level', operator: 'equal', value: 'high' }] },
      event: { code: 'R04_PROVINCIAL_WARNING', outcome: 'reject', message: '省联社风险预警等级为高' },
    },
    {
      conditions: { all: [{ fact: 'checks.provincialWarning.level', operator: 'equal', value: 'medium' }] },
      event: { code: 'R04_PROVINCIAL_WARNING', outcome: 'review', message: '省联社风险预警等级为中，需人工审核' },
    },
    {
      conditions: { all: [{ fact: 'checks.internalWarningScore', operator: 'greaterThanInclusive', value: 80 }] },
      event: { code: 'R05_INTERNAL_WARNING', outcome: 'reject', message: '本行风险预警评分过高' },
    },
    {
      conditions: {
        all: [
          { fact: 'checks.internalWarningScore', operator: 'greaterThanInclusive', value: 60 },
          { fact: 'checks.internalWarningScore', operator: 'lessThan', value: 80 },
        ],
      },
      event: { code: 'R05_INTERNAL_WARNING', outcome: 'review', message: '本行风险预警评分偏高，需人工审核' },
    },
    {
      conditions: { all: [{ fact: 'checks.graylist', operator: 'equal', value: true }] },
      event: { code: 'R06_GRAYLIST', outcome: 'review', message: '命中本行灰名单，需人工审核' },
    },
    {
      conditions: {
        any: [
          { fact: 'derived.age', operator: 'lessThan', value: 18 },
          { fact: 'derived.age', operator: 'greaterThan', value: 65 },
        ],
      },
      event: { code: 'R07_AGE', outcome: 'reject', message: '年龄不在18至65周岁之间' },
    },
    {
      conditions: {
        any: [
          { fact: 'checks.currentOverdue', operator: 'equal', value: true },
          { fact: 'checks.overdueCount24m', operator: 'greaterThanInclusive', value: 3 },
        ],
      },
      event: { code: 'R08_OVERDUE', outcome: 'reject', message: '存在当前逾期或近24个月逾期3次及以上' },
    },
    {
      // "otherwise": only when the reject variant above did not fire.
      conditions: {
        all: [
          { fact: 'checks.currentOverdue', operator: 'equal', value: false },
          { fact: 'checks.overdueCount24m', operator: 'greaterThanInclusive', value: 1 },
          { fact: 'checks.overdueCount24m', operator: 'lessThanInclusive', value: 2 },
        ],
      },
      event: { code: 'R08_OVERDUE', outcome: 'review', message: '近24个月有1至2次逾期，需人工审核' },
    },
    {
      conditions: { all: [{ fact: 'derived.debtRatio', operator: 'ratioGreaterThan', value: { num: 4, den: 5 } }] },
      event: { code: 'R09_DEBT_RATIO', outcome: 'reject', message: '负债超过资产的80%' },
    },
    {
      conditions: {
        all: [
          { fact: 'derived.debtRatio', operator: 'ratioGreaterThan', value: { num: 1, den: 2 } },
          { fact: 'derived.debtRatio', operator: 'ratioLessThanInclusive', value: { num: 4, den: 5 } },
        ],
      },
      event: { code: 'R09_DEBT_RATIO', outcome: 'review', message: '负债超过资产的50%，需人工审核' },
    },
    {
      conditions: {
        any: [
          { fact: 'derived.provincialWarningFresh', operator: 'equal', value: false },
          { fact: 'derived.judicialFresh', operator: 'equal', value: false },
        ],
      },
      event: {
        code: 'R10_CHECK_MISSING',
        outcome: 'incomplete',
        message: '省联社预警或司法查控结果缺失或已超过30天，请重新查询',
      },
    },
  ],

  // Spec §2, max 100 points: 18 + 12 + 12 + 25 + 20 + 13.
  scorecard: [
    {
      name: 'education',
      components: [
        {
          kind: 'lookup',
          fact: 'education',
          points: { primary_or_below: 4, junior_high: 8, senior_high: 12, college: 15, bachelor_or_above: 18 },
        },
      ],
    },
    {
      name: 'maritalStatus',
      components: [{ kind: 'lookup', fact: 'maritalStatus', points: { married: 12, single: 6, divorced: 4, widowed: 6 } }],
    },
    {
      // The spec's inclusive whole-year ranges (18-25...) as [from, to); any other age scores 0.
      name: 'age',
      components: [
        {
          kind: 'bands',
          fact: 'derived.age',
          bands: [
            { from: 18, to: 26, points: 4 },
            { from: 26, to: 36, points: 10 },
            { from: 36, to: 51, points: 12 },
            { from: 51, to: 61, points: 8 },
            { from: 61, to: 66, points: 4 },
          ],
        },
      ],
    },
    {
      name: 'netAssets',
      components: [
        {
          kind: 'amountBands',
          amount: 'netAssets',
          bands: [
            { from: null, to: 0, points: 0 },
            { from: 0, to: 100_000, points: 4 },
            { from: 100_000, to: 300_000, points: 10 },
            { from: 300_000, to: 600_000, points: 15 },
            { from: 600_000, to: 1_000_000, points: 20 },
            { from: 1_000_000, to: null, points: 25 },
          ],
        },
      ],
    },
    {
      name: 'annualIncome',
      components: [
        {
          kind: 'amountBands',
          amount: 'annualIncome',
          bands: [
            { from: null, to: 30_000, points: 3 },
            { from: 30_000, to: 60_000, points: 8 },
            { from: 60_000, to: 100_000, points: 12 },
            { from: 100_000, to: 200_000, points: 16 },
            { from: 200_000, to: null, points: 20 },
          ],
        },
      ],
    },
    {
      name: 'contribution',
      components: [
        {
          kind: 'amountBands',
          amount: 'avgDailyDeposit12m',
          bands: [
            { from: null, to: 10_000, points: 0 },
            { from: 10_000, to: 50_000, points: 3 },
            { from: 50_000, to: 200_000, points: 6 },
            { from: 200_000, to: null, points: 8 },
          ],
        },
        { kind: 'bonus', when: { fact: 'relationship.hasEBanking', operator: 'equal', value: true }, points: 2 },
        { kind: 'bonus', when: { fact: 'relationship.wealthBalance', operator: 'greaterThan', value: 0 }, points: 1 },
        {
          kind: 'bonus',
          when: { fact: 'relationship.customerSinceYears', operator: 'greaterThanInclusive', value: 5 },
          points: 2,
        },
      ],
    },
  ],

  grades: [
    { grade: 'AAA', minScore: 85 },
    { grade: 'AA', minScore: 75 },
    { grade: 'A', minScore: 65 },
    { grade: 'B', minScore: 55 },
    {
      grade: 'C',
      minScore: 0,
      reason: { code: 'S01_SCORE_TOO_LOW', outcome: 'reject', message: '综合评分低于55分，暂不符合授信条件' },
    },
  ],

  // Spec §3.
  limit: {
    gradeBase: { AAA: 100_000, AA: 80_000, A: 50_000, B: 20_000 },
    assetCoefficient: { num: 1, den: 10 },
    incomeCoefficient: { num: 3, den: 10 },
    cap: 200_000, // unsecured household credit ceiling
    roundingUnit: 1_000,
    minimum: 10_000,
    tooLowReason: { code: 'L01_LIMIT_TOO_LOW', outcome: 'reject', message: '测算授信额度低于1万元' },
  },

  // Spec §4: review always needs both levels; a pass needs the head office above 100,000.
  approval: {
    reject: 0,
    incomplete: 0,
    review: 2,
    pass: { levels: 1, above: { limit: 100_000, levels: 2 } },
  },
};

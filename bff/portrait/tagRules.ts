import type { PRODUCTS } from '@sunshine/shared';
import type { RuleSet } from './tagEngine';

type Product = (typeof PRODUCTS)[number];

/**
 * Portrait tag rules, version `portrait-tags-v1`. Data, not code: a change of a threshold is a
 * new version of this list (the version travels with every portrait), and every rule has its
 * own unit test in tagRules.test.ts.
 *
 * Thresholds are the marketing department's working figures for a county bank:
 * 大额 = ≥ 5万 per person; "有存款" = ≥ 2万 per household.
 */
export const PORTRAIT_TAG_RULES: RuleSet<Product> = {
  version: 'portrait-tags-v1',
  rules: [
    {
      code: 'overdue_risk',
      subject: 'household',
      label: '风险提示:贷款逾期',
      severity: 'risk',
      product: null,
      when: { fact: 'overdueAmount', op: 'gt', value: 0 },
      reason: '贷款逾期{overdueAmount:wan},最长{overdueDays}天,请先了解还款困难',
    },
    {
      code: 'listed_risk',
      subject: 'household',
      label: '风险提示:名单客户',
      severity: 'risk',
      product: null,
      when: { fact: 'listed', op: 'eq', value: true },
      reason: '家庭成员在行内黑名单或灰名单上,授信前须核实',
    },
    {
      code: 'warning_score_risk',
      subject: 'household',
      label: '风险提示:预警分偏高',
      severity: 'risk',
      product: null,
      when: { fact: 'maxWarningScore', op: 'gte', value: 60 },
      reason: '行内预警分{maxWarningScore}(60分及以上须人工复核)',
    },
    {
      code: 'large_deposit_no_mobile',
      subject: 'member',
      label: '大额存款未开通手机银行',
      severity: 'opportunity',
      product: 'mobile_banking',
      when: {
        all: [
          { fact: 'depositTotal', op: 'gte', value: 50000 },
          { fact: 'mobile', op: 'eq', value: false },
        ],
      },
      reason: '存款{depositTotal:wan},尚未开通手机银行',
    },
    {
      code: 'deposit_no_wealth',
      subject: 'household',
      label: '有存款无理财',
      severity: 'opportunity',
      product: 'wealth',
      when: {
        all: [
          { fact: 'depositTotal', op: 'gte', value: 20000 },
          { fact: 'wealthBalance', op: 'eq', value: 0 },
        ],
      },
      reason: '全户存款{depositTotal:wan},没有理财',
    },
    {
      code: 'good_standing_no_loan',
      subject: 'household',
      label: '信用良好无贷款',
      severity: 'opportunity',
      product: 'sunshine_credit',
      when: {
        all: [
          { fact: 'hasOds', op: 'eq', value: true },
          { fact: 'loanCount', op: 'eq', value: 0 },
          { fact: 'overdueAmount', op: 'eq', value: 0 },
          { fact: 'listed', op: 'eq', value: false },
          {
            any: [
              { fact: 'maxWarningScore', op: 'eq', value: null },
              { fact: 'maxWarningScore', op: 'lt', value: 60 },
            ],
          },
        ],
      },
      reason: '在行内无贷款、无逾期、不在名单上,可评估阳光信贷预授信',
    },
    {
      code: 'borrower_online_credit',
      subject: 'household',
      label: '按时还款可线上用信',
      severity: 'opportunity',
      product: 'hui_e_dai',
      when: {
        all: [
          { fact: 'loanCount', op: 'gt', value: 0 },
          { fact: 'overdueAmount', op: 'eq', value: 0 },
          { fact: 'anyMobile', op: 'eq', value: true },
        ],
      },
      reason: '贷款余额{loanBalance:wan}且无逾期,已开通手机银行,可线上用信',
    },
    {
      code: 'deposits_falling',
      subject: 'household',
      label: '存款下降',
      severity: 'attention',
      product: 'deposit',
      when: { fact: 'depositChange', op: 'lte', value: -0.2 },
      reason: '全户存款较期初下降{depositChange:pct},建议回访维护',
    },
    {
      code: 'no_bank_record',
      subject: 'household',
      label: '行内无业务',
      severity: 'opportunity',
      product: 'deposit',
      when: { fact: 'hasOds', op: 'eq', value: false },
      reason: '全户在行内没有存贷记录,可从存款和社保卡开始',
    },
  ],
};

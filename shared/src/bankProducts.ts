import { PRODUCT_LABELS, PRODUCTS } from './schemas/visits';

/**
 * The bank's products as a customer sees them on a manager's share card. Data, not code: the
 * copy is the bank's, and the ids are the ones visits record as "products discussed", so an
 * appointment's topic and a visit's products speak the same language.
 */
export type ProductId = (typeof PRODUCTS)[number];

export interface BankProduct {
  id: ProductId;
  name: string;
  tagline: string;
  highlights: string[];
}

export const BANK_PRODUCTS: readonly BankProduct[] = [
  {
    id: 'sunshine_credit',
    name: PRODUCT_LABELS.sunshine_credit,
    tagline: '农户整村授信,一次授信、循环使用',
    highlights: ['最高20万元纯信用', '随借随还,按日计息', '客户经理上门办理'],
  },
  {
    id: 'hui_e_dai',
    name: PRODUCT_LABELS.hui_e_dai,
    tagline: '手机银行线上申请的个人消费贷款',
    highlights: ['线上申请,最快当天放款', '额度循环使用', '无需抵押担保'],
  },
  {
    id: 'su_e_dai',
    name: PRODUCT_LABELS.su_e_dai,
    tagline: '个体工商户和小微企业主的经营贷款',
    highlights: ['用于生产经营周转', '线上用信,提前还款无违约金', '授信有效期最长3年'],
  },
  {
    id: 'deposit',
    name: PRODUCT_LABELS.deposit,
    tagline: '整存整取、大额存单,安心储蓄',
    highlights: ['存款保险保障', '多种期限可选', '到期自动转存'],
  },
  {
    id: 'wealth',
    name: PRODUCT_LABELS.wealth,
    tagline: '稳健型理财产品,适合家庭闲置资金',
    highlights: ['风险等级清晰标注', '购买前完成风险测评', '理财非存款,投资需谨慎'],
  },
  {
    id: 'mobile_banking',
    name: PRODUCT_LABELS.mobile_banking,
    tagline: '转账、缴费、贷款一部手机全搞定',
    highlights: ['跨行转账免手续费', '水电燃气在线缴费', '贷款申请与还款'],
  },
  {
    id: 'social_security_card',
    name: PRODUCT_LABELS.social_security_card,
    tagline: '第三代社保卡申领与激活',
    highlights: ['养老金、补贴按时到账', '就医购药直接结算', '可在网点即时制卡'],
  },
];

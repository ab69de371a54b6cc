import { EDUCATIONS, MARITAL_STATUSES, RELATIONS, RELATION_LABELS } from '@sunshine/shared';

/** Chinese names of the shared enums the capture forms offer. */
export type Option = { value: string; label: string };

export const RELATION_OPTIONS: Option[] = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

const EDUCATION_LABELS: Record<(typeof EDUCATIONS)[number], string> = {
  primary_or_below: '小学及以下',
  junior_high: '初中',
  senior_high: '高中/中专',
  college: '大专',
  bachelor_or_above: '本科及以上',
};
export const EDUCATION_OPTIONS: Option[] = EDUCATIONS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }));

const MARITAL_LABELS: Record<(typeof MARITAL_STATUSES)[number], string> = {
  married: '已婚',
  single: '未婚',
  divorced: '离异',
  widowed: '丧偶',
};
export const MARITAL_OPTIONS: Option[] = MARITAL_STATUSES.map((m) => ({ value: m, label: MARITAL_LABELS[m] }));

export const HOUSE_KIND_OPTIONS: Option[] = [
  { value: 'main', label: '主房' },
  { value: 'side', label: '辅房' },
  { value: 'flat', label: '商品房' },
];

export const DEBT_KIND_OPTIONS: Option[] = [
  { value: 'bank_loan', label: '银行贷款' },
  { value: 'credit_loan', label: '信用贷款' },
  { value: 'private', label: '民间借贷' },
  { value: 'other', label: '其他' },
];

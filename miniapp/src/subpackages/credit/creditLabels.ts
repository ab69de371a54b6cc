import { CREDIT_DECISION_LABELS, CREDIT_LIMIT_PART_LABELS, type CreditDecisionOutcome } from '@sunshine/shared';

/** Display helpers shared by the credit pages (labels themselves live in @sunshine/shared). */
export const DECISION_TAG: Record<CreditDecisionOutcome, 'success' | 'warning' | 'danger' | 'default'> = {
  pass: 'success',
  review: 'warning',
  reject: 'danger',
  incomplete: 'default',
};

export const decisionLabel = (d: CreditDecisionOutcome) => CREDIT_DECISION_LABELS[d];

/** 123456.7 → "123,456.7元". */
export function yuan(n: number): string {
  return `${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}元`;
}

/** The limit breakdown as rows, in the order the limit is computed. */
export function limitRows(b: Record<keyof typeof CREDIT_LIMIT_PART_LABELS, number>) {
  return (Object.keys(CREDIT_LIMIT_PART_LABELS) as Array<keyof typeof CREDIT_LIMIT_PART_LABELS>).map((key) => ({
    key,
    label: CREDIT_LIMIT_PART_LABELS[key],
    value: key === 'existingCreditLoans' ? `-${yuan(b[key])}` : yuan(b[key]),
  }));
}

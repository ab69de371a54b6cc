import { Section, TextRow } from '../FormRows';
import type { FieldErrors, HouseholdDraft } from '../../model/householdDraft';

type Finance = HouseholdDraft['finance'];

const AMOUNTS: Array<[keyof Finance, string]> = [
  ['annualIncome', '家庭年收入(元)'],
  ['netIncome', '家庭年纯收入(元)'],
  ['annualSpending', '家庭年支出(元)'],
  ['workingCapital', '经营流动资金(元)'],
];
const TEXTS: Array<[keyof Finance, string]> = [
  ['mainBusiness', '主营业务'],
  ['incomeSource', '主要收入来源'],
  ['businessScale', '经营规模'],
];

/** 收入与经营: amounts in yuan as typed; the BFF derives per-capita income itself. */
export default function FinanceSection({
  finance,
  errors,
  onChange,
}: {
  finance: Finance;
  errors: FieldErrors;
  onChange(patch: Partial<Finance>): void;
}) {
  return (
    <Section title="收入与经营" id="section-finance">
      {AMOUNTS.map(([key, label]) => (
        <TextRow
          key={key}
          id={`finance-${key}`}
          label={label}
          path={`finance.${key}`}
          type="digit"
          value={finance[key]}
          errors={errors}
          placeholder={key === 'workingCapital' ? '选填' : '请输入金额'}
          onChange={(v) => onChange({ [key]: v })}
        />
      ))}
      {TEXTS.map(([key, label]) => (
        <TextRow
          key={key}
          id={`finance-${key}`}
          label={label}
          path={`finance.${key}`}
          value={finance[key]}
          errors={errors}
          maxLength={50}
          placeholder="选填"
          onChange={(v) => onChange({ [key]: v })}
        />
      ))}
    </Section>
  );
}

import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ChoiceRow, Section, TextRow } from '../FormRows';
import { DEBT_KIND_OPTIONS } from '../../model/labels';
import type { DebtDraft, FieldErrors } from '../../model/householdDraft';
import '../AssetsSection/index.scss';

/** 负债: each debt with lender, kind and outstanding balance. */
export default function DebtsSection({
  debts,
  errors,
  onChange,
}: {
  debts: DebtDraft[];
  errors: FieldErrors;
  onChange(update: (d: DebtDraft[]) => DebtDraft[]): void;
}) {
  const set = (i: number, patch: Partial<DebtDraft>) => onChange((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <Section
      title="负债"
      id="section-debts"
      action={
        <Button
          id="add-debt"
          size="small"
          fill="outline"
          onClick={() => onChange((ds) => [...ds, { lender: '', kind: 'bank_loan', balance: '' }])}
        >
          添加负债
        </Button>
      }
    >
      {debts.map((d, i) => (
        <View key={i} className="asset-item" id={`debt-${i}`}>
          <TextRow
            id={`debt-${i}-lender`}
            label="债权人"
            path={`debts.${i}.lender`}
            value={d.lender}
            errors={errors}
            maxLength={50}
            placeholder="如 某银行、亲友"
            onChange={(v) => set(i, { lender: v })}
          />
          <ChoiceRow
            idPrefix={`debt-${i}-kind`}
            label="类型"
            path={`debts.${i}.kind`}
            options={DEBT_KIND_OPTIONS}
            errors={errors}
            value={d.kind}
            onChange={(v) => set(i, { kind: v })}
          />
          <TextRow
            id={`debt-${i}-balance`}
            label="余额(元)"
            path={`debts.${i}.balance`}
            type="digit"
            value={d.balance}
            errors={errors}
            onChange={(v) => set(i, { balance: v })}
          />
          <Button size="small" fill="none" type="danger" onClick={() => onChange((ds) => ds.filter((_, j) => j !== i))}>
            删除
          </Button>
        </View>
      ))}
    </Section>
  );
}

import { SOFT_FLAGS, SOFT_FLAG_LABELS } from '@sunshine/shared';
import { ChoiceRow, NotesRow, Section, toggleIn } from '../FormRows';
import type { FieldErrors, HouseholdDraft } from '../../model/householdDraft';

const FLAG_OPTIONS = SOFT_FLAGS.map((f) => ({ value: f, label: SOFT_FLAG_LABELS[f] }));

type SoftInfo = HouseholdDraft['softInfo'];

/** 软信息: what the manager learns in the village, as flags and free notes. */
export default function SoftInfoSection({
  softInfo,
  errors,
  onChange,
}: {
  softInfo: SoftInfo;
  errors: FieldErrors;
  onChange(update: (s: SoftInfo) => SoftInfo): void;
}) {
  return (
    <Section title="软信息" id="section-soft">
      <ChoiceRow
        idPrefix="soft-flag"
        label="情况标记(可多选)"
        path="softInfo.flags"
        options={FLAG_OPTIONS}
        errors={errors}
        value={softInfo.flags}
        onChange={(v) => onChange((s) => ({ ...s, flags: toggleIn(s.flags, v, FLAG_OPTIONS) }))}
      />
      <NotesRow
        id="soft-notes"
        label="备注"
        path="softInfo.notes"
        value={softInfo.notes}
        errors={errors}
        maxLength={500}
        placeholder="选填"
        onChange={(v) => onChange((s) => ({ ...s, notes: v }))}
      />
    </Section>
  );
}

import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ChoiceRow, FieldError, TextRow } from '../FormRows';
import { EDUCATION_OPTIONS, MARITAL_OPTIONS, RELATION_OPTIONS } from '../../model/labels';
import { editMaskedField, type FieldErrors, type MemberDraft } from '../../model/householdDraft';
import './index.scss';

export interface MemberEditorProps {
  index: number;
  member: MemberDraft;
  errors: FieldErrors;
  canRemove: boolean;
  /** A patch, applied by the parent to the member's latest state. */
  onChange(patch: Partial<MemberDraft>): void;
  onRemove(): void;
  /** Existing members only: fetch the full ID number and phone through the audited action. */
  onReveal?: () => void;
}

/**
 * One family member; fields are `#member-<i>-<field>`, errors `#err-members-<i>-<field>`. An
 * existing member's name, ID number and phone show their masks; left so, they stay as stored.
 */
export default function MemberEditor({ index, member, errors, canRemove, onChange, onRemove, onReveal }: MemberEditorProps) {
  const p = (field: string) => `members.${index}.${field}`;
  const id = (field: string) => `member-${index}-${field}`;
  const set = onChange;
  const masked = member.masked;
  return (
    <View className="member-editor" id={`member-${index}`}>
      <View className="member-editor__head">
        <Text className="member-editor__title">成员 {index + 1}</Text>
        {member.masked && onReveal ? (
          <Button id={id('reveal')} size="small" fill="none" onClick={onReveal}>
            查看完整信息(留痕)
          </Button>
        ) : null}
        {canRemove ? (
          <Button id={id('remove')} size="small" fill="none" type="danger" onClick={onRemove}>
            删除
          </Button>
        ) : null}
      </View>
      <ChoiceRow
        idPrefix={id('relation')}
        label="与户主关系"
        path={p('relation')}
        options={RELATION_OPTIONS}
        errors={errors}
        value={member.relation}
        onChange={(v) => set({ relation: v })}
      />
      <TextRow
        id={id('name')}
        label="姓名"
        path={p('name')}
        value={member.name}
        errors={errors}
        maxLength={20}
        placeholder={masked ? `留空保留原姓名 ${masked.name}` : undefined}
        onChange={(v) => set({ name: editMaskedField(masked?.name, member.name, v) })}
      />
      <TextRow
        id={id('idNumber')}
        label="身份证号"
        path={p('idNumber')}
        type="idcard"
        value={member.idNumber}
        errors={errors}
        maxLength={18}
        placeholder={masked ? `留空保留原号码 ${masked.idNumber}` : '18位身份证号'}
        onChange={(v) => set({ idNumber: editMaskedField(masked?.idNumber, member.idNumber, v) })}
      />
      <TextRow
        id={id('phone')}
        label="手机号"
        path={p('phone')}
        type="tel"
        value={member.phone}
        errors={errors}
        maxLength={11}
        placeholder={masked?.phone ? `留空将删除原手机号 ${masked.phone}` : '选填'}
        onChange={(v) => set({ phone: editMaskedField(masked?.phone, member.phone, v) })}
      />
      <ChoiceRow
        idPrefix={id('education')}
        label="学历"
        path={p('education')}
        options={EDUCATION_OPTIONS}
        errors={errors}
        value={member.education}
        onChange={(v) => set({ education: v })}
      />
      <ChoiceRow
        idPrefix={id('maritalStatus')}
        label="婚姻状况"
        path={p('maritalStatus')}
        options={MARITAL_OPTIONS}
        errors={errors}
        value={member.maritalStatus}
        onChange={(v) => set({ maritalStatus: v })}
      />
      <TextRow
        id={id('occupation')}
        label="职业"
        path={p('occupation')}
        value={member.occupation}
        errors={errors}
        maxLength={30}
        placeholder="选填,如 种植户、个体经营"
        onChange={(v) => set({ occupation: v })}
      />
      <FieldError path={`members.${index}`} errors={errors} />
    </View>
  );
}

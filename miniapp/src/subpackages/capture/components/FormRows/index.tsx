import { Text, View } from '@tarojs/components';
import { Button, Input, TextArea } from '@nutui/nutui-react-taro';
import type { Option } from '../../model/labels';
import { errorId, type FieldErrors } from '../../model/householdDraft';
import './index.scss';

/**
 * The capture forms' rows: a label, a NutUI control and the shared schema's message for that
 * field path right under it (`#err-<path>`). Choices are NutUI buttons, one tap each, since a
 * picker wheel is slow to use with one hand in a field.
 */
export function FieldError({ path, errors }: { path: string; errors: FieldErrors }) {
  const message = errors[path];
  if (!message) return null;
  return (
    <View className="capture-row__error" id={errorId(path)}>
      <Text>{message}</Text>
    </View>
  );
}

export interface TextRowProps {
  id: string;
  label: string;
  path: string;
  value: string;
  errors: FieldErrors;
  onChange(value: string): void;
  placeholder?: string;
  type?: 'text' | 'digit' | 'number' | 'idcard' | 'tel';
  maxLength?: number;
}

export function TextRow({ id, label, path, value, errors, onChange, placeholder, type = 'text', maxLength }: TextRowProps) {
  return (
    <View className={`capture-row ${errors[path] ? 'capture-row--invalid' : ''}`}>
      <Text className="capture-row__label">{label}</Text>
      <Input
        id={id}
        className="capture-row__input"
        value={value}
        type={type}
        maxLength={maxLength}
        placeholder={placeholder ?? `请输入${label}`}
        onChange={(v) => onChange(String(v))}
      />
      <FieldError path={path} errors={errors} />
    </View>
  );
}

export function NotesRow(props: Omit<TextRowProps, 'type'>) {
  const { id, label, path, value, errors, onChange, placeholder, maxLength } = props;
  return (
    <View className="capture-row">
      <Text className="capture-row__label">{label}</Text>
      <TextArea
        id={id}
        className="capture-row__textarea"
        value={value}
        maxLength={maxLength ?? 500}
        placeholder={placeholder ?? `请输入${label}`}
        onChange={(v) => onChange(String(v))}
      />
      <FieldError path={path} errors={errors} />
    </View>
  );
}

export interface ChoiceRowProps {
  /** Each option's button is `#<idPrefix>-<value>`. */
  idPrefix: string;
  label: string;
  path: string;
  options: Option[];
  errors: FieldErrors;
  /** One value, or several (multiple choice: the parent toggles with `toggleIn`). */
  value: string | string[];
  /**
   * The option tapped. Parents apply it with a functional state update: taps and keystrokes
   * can arrive faster than React re-renders, and a handler closing over a stale value would
   * drop the earlier ones.
   */
  onChange(tapped: string): void;
}

/** `list` with `v` added or removed, in the options' order. */
export function toggleIn(list: string[], v: string, order: Option[]): string[] {
  const next = new Set(list);
  if (next.has(v)) next.delete(v);
  else next.add(v);
  return order.map((o) => o.value).filter((o) => next.has(o));
}

export function ChoiceRow({ idPrefix, label, path, options, errors, value, onChange }: ChoiceRowProps) {
  const selected = new Set(Array.isArray(value) ? value : value ? [value] : []);
  const toggle = (v: string) => onChange(v);
  return (
    <View className="capture-row">
      <Text className="capture-row__label">{label}</Text>
      <View className="capture-row__choices">
        {options.map((o) => (
          <Button
            key={o.value}
            id={`${idPrefix}-${o.value}`}
            className={`capture-choice ${selected.has(o.value) ? 'capture-choice--on' : ''}`}
            size="small"
            type={selected.has(o.value) ? 'primary' : 'default'}
            fill={selected.has(o.value) ? 'solid' : 'outline'}
            onClick={() => toggle(o.value)}
          >
            {o.label}
          </Button>
        ))}
      </View>
      <FieldError path={path} errors={errors} />
    </View>
  );
}

/** A titled block of the form, with an optional action (添加...) on the right. */
export function Section({
  title,
  action,
  children,
  id,
}: {
  title: string;
  id?: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <View className="capture-section" id={id}>
      <View className="capture-section__head">
        <Text className="capture-section__title">{title}</Text>
        {action}
      </View>
      {children}
    </View>
  );
}

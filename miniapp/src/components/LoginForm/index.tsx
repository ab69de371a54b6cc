import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Form, Input } from '@nutui/nutui-react-taro';
import type { LoginRequest } from '@sunshine/shared';
import { errorText } from '../../services/request';
import { parseLoginInput, ruleFor } from './loginRules';
import './index.scss';

export interface LoginFormProps {
  /** Label of the submit button, e.g. 登录 or 绑定并登录. */
  submitText: string;
  /** Performs the sign-in; a rejection's message is shown above the button. */
  onSubmit: (input: LoginRequest) => Promise<void>;
}

/**
 * Username + password, validated field by field with the shared schema. Used for the H5
 * password login and for binding a WeChat user to a bank account.
 */
export default function LoginForm({ submitText, onSubmit }: LoginFormProps) {
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const handleFinish = async (values: Record<string, unknown>) => {
    const parsed = parseLoginInput(values);
    if (!parsed.ok) return; // Form.Item rules already show the same messages per field.
    setSubmitting(true);
    setServerError(null);
    try {
      await onSubmit(parsed.data);
    } catch (err) {
      setServerError(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="login-form">
      <Form form={form} labelPosition="left" divider onFinish={handleFinish}>
        <Form.Item label="用户名" name="username" align="center" rules={ruleFor('username')}>
          <Input id="login-username" className="login-form__input" placeholder="请输入行内用户名" type="text" maxLength={64} />
        </Form.Item>
        <Form.Item label="密码" name="password" align="center" rules={ruleFor('password')}>
          <Input id="login-password" className="login-form__input" placeholder="请输入密码" type="password" maxLength={128} />
        </Form.Item>
      </Form>
      {serverError ? (
        <View className="login-form__error" id="login-error">
          <Text>{serverError}</Text>
        </View>
      ) : null}
      <Button
        id="login-submit"
        className="login-form__submit"
        type="primary"
        block
        size="large"
        loading={submitting}
        disabled={submitting}
        onClick={() => form.submit()}
      >
        {submitText}
      </Button>
    </View>
  );
}

import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { mobilePhoneSchema, smsCodeSchema } from '@sunshine/shared';
import { customerSmsLogin, requestSmsCode } from '../../../../services/customer';
import { errorText } from '../../../../services/request';
import './index.scss';

export interface SmsLoginProps {
  shareCode: string;
  onSignedIn: () => void;
}

/**
 * H5 customer sign-in: a one-time code sent to the phone. The phone and code are checked with
 * the same schemas the BFF uses; the code is never stored on the device.
 */
export default function SmsLogin({ shareCode, onSignedIn }: SmsLoginProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return undefined;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  const send = async () => {
    const parsed = mobilePhoneSchema.safeParse(phone);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请输入正确的手机号');
    setError(null);
    setBusy(true);
    try {
      const sent = await requestSmsCode(parsed.data, shareCode);
      setHint(`验证码已发送至 ${sent.phoneMasked}`);
      setCountdown(sent.resendAfterSec);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const login = async () => {
    const p = mobilePhoneSchema.safeParse(phone);
    const c = smsCodeSchema.safeParse(code);
    if (!p.success) return setError(p.error.issues[0]?.message ?? '请输入正确的手机号');
    if (!c.success) return setError(c.error.issues[0]?.message ?? '请输入验证码');
    setError(null);
    setBusy(true);
    try {
      await customerSmsLogin(p.data, c.data, shareCode);
      onSignedIn();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="sms-login" id="sms-login">
      <Text className="sms-login__title">手机号验证</Text>
      <Text className="sms-login__note">验证手机号后即可预约客户经理</Text>
      <View className="sms-login__row">
        <Input
          id="sms-phone"
          className="sms-login__input"
          type="tel"
          maxLength={11}
          placeholder="请输入手机号"
          value={phone}
          onChange={setPhone}
        />
      </View>
      <View className="sms-login__row">
        <Input
          id="sms-code"
          className="sms-login__input"
          type="digit"
          maxLength={6}
          placeholder="6位验证码"
          value={code}
          onChange={setCode}
        />
        <Button id="sms-send" size="small" type="primary" fill="outline" disabled={busy || countdown > 0} onClick={() => void send()}>
          {countdown > 0 ? `${countdown}秒后重发` : '获取验证码'}
        </Button>
      </View>
      {hint ? (
        <Text className="sms-login__hint" id="sms-hint">
          {hint}
        </Text>
      ) : null}
      {error ? (
        <Text className="sms-login__error" id="sms-error">
          {error}
        </Text>
      ) : null}
      <Button id="sms-submit" type="primary" block size="large" loading={busy} disabled={busy} onClick={() => void login()}>
        验证并继续
      </Button>
    </View>
  );
}

import { useCallback, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { LoginRequest } from '@sunshine/shared';
import { ROUTES } from '../../config';
import { passwordLogin, wechatBind, wechatLogin } from '../../services/auth';
import { ApiError, errorText } from '../../services/request';
import { getSession } from '../../stores/session';
import LoginForm from '../../components/LoginForm';
import './index.scss';

type WechatStep = { step: 'signing-in' } | { step: 'bind'; bindToken: string } | { step: 'failed'; message: string };

/** Read at call time (the build inlines it either way) so tests can run both platforms. */
const isWeapp = () => process.env.TARO_ENV === 'weapp';

function goHome() {
  void Taro.reLaunch({ url: ROUTES.home });
}

/**
 * Sign-in. The weapp signs in with WeChat (`wx.login` code → BFF), and the first time asks for
 * the bank account to bind; H5 (the browser demo) uses username + password.
 */
export default function LoginPage() {
  const [wechat, setWechat] = useState<WechatStep>({ step: 'signing-in' });

  const signInWithWechat = useCallback(async () => {
    setWechat({ step: 'signing-in' });
    try {
      // The code is single-use and short-lived: ask for a new one on every attempt.
      const { code } = await Taro.login();
      const result = await wechatLogin(code);
      if (result.kind === 'bind') setWechat({ step: 'bind', bindToken: result.bindToken });
      else goHome();
    } catch (err) {
      // A 401 here is about the WeChat code (expired or reused), not a password: the BFF reuses
      // auth.invalid_credentials for it, whose usual text would mislead.
      const message = err instanceof ApiError && err.status === 401 ? '微信登录失败,请重试' : errorText(err);
      setWechat({ step: 'failed', message });
    }
  }, []);

  useLoad(() => {
    // A stored session goes straight home; if it has died, the first API call comes back here.
    if (getSession()) {
      goHome();
      return;
    }
    // wx.login is silent (no prompt, no personal data), so the weapp tries it right away.
    if (isWeapp()) void signInWithWechat();
  });

  const bind = async (input: LoginRequest) => {
    if (wechat.step !== 'bind') return;
    await wechatBind(wechat.bindToken, input);
    goHome();
  };

  const signInWithPassword = async (input: LoginRequest) => {
    await passwordLogin(input);
    goHome();
  };

  return (
    <View className="login">
      <View className="login__hero">
        <View className="login__logo">
          <Text>阳</Text>
        </View>
        <Text className="login__title">阳光金融营销平台</Text>
        <Text className="login__subtitle">泰兴农村商业银行</Text>
      </View>
      <View className="login__card" id="login-card">
        {isWeapp() ? (
          <WechatPanel state={wechat} onRetry={() => void signInWithWechat()} onBind={bind} />
        ) : (
          <View id="password-login">
            <Text className="login__card-title">账号登录</Text>
            <LoginForm submitText="登录" onSubmit={signInWithPassword} />
          </View>
        )}
      </View>
      <Text className="login__footnote">仅限本行员工及受邀客户使用 · 登录即表示同意《隐私保护指引》</Text>
    </View>
  );
}

function WechatPanel(props: { state: WechatStep; onRetry: () => void; onBind: (input: LoginRequest) => Promise<void> }) {
  const { state } = props;
  if (state.step === 'bind') {
    return (
      <View id="bind-form">
        <Text className="login__card-title">绑定行内账号</Text>
        <Text className="login__hint" id="bind-hint">
          首次使用微信登录,请输入行内账号和密码完成绑定
        </Text>
        <LoginForm submitText="绑定并登录" onSubmit={props.onBind} />
      </View>
    );
  }
  return (
    <View id="wechat-login" className="login__wechat">
      <Text className="login__card-title">微信登录</Text>
      {state.step === 'failed' ? (
        <Text className="login__error" id="wechat-error">
          {state.message}
        </Text>
      ) : (
        <Text className="login__hint" id="wechat-status">
          正在通过微信登录…
        </Text>
      )}
      <Button
        id="wechat-retry"
        className="login__wechat-button"
        type="primary"
        block
        size="large"
        loading={state.step === 'signing-in'}
        disabled={state.step === 'signing-in'}
        onClick={props.onRetry}
      >
        微信一键登录
      </Button>
    </View>
  );
}

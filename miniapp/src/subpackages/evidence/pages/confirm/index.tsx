import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, ResultPage } from '@nutui/nutui-react-taro';
import type { VisitConfirmationResult } from '@sunshine/shared';
import { confirmVisit } from '../../../../services/visitConfirmations';
import { errorText } from '../../../../services/request';
import { formatChinaTime, sceneFromParams } from './scene';
import './index.scss';

type State =
  { kind: 'ready' } | { kind: 'sending' } | { kind: 'done'; result: VisitConfirmationResult } | { kind: 'error'; message: string };

/**
 * The customer's side of a visit confirmation. Opened by scanning the manager's
 * mini-program code (the code arrives as `scene`); the customer taps once, wx.login names
 * them to the BFF, and the visit's proof level rises to 客户确认.
 */
export default function ConfirmVisitPage() {
  const code = sceneFromParams(Taro.getCurrentInstance().router?.params ?? {});
  const [state, setState] = useState<State>({ kind: 'ready' });
  const inWechat = process.env.TARO_ENV === 'weapp';

  const submit = async () => {
    if (!code) return;
    setState({ kind: 'sending' });
    try {
      const { code: wxCode } = await Taro.login();
      setState({ kind: 'done', result: await confirmVisit(code, wxCode) });
    } catch (err) {
      setState({ kind: 'error', message: errorText(err) });
    }
  };

  if (!code) {
    return (
      <View className="confirm" id="confirm-invalid">
        <ResultPage status="error" title="二维码无效" description="请扫描客户经理手机上的确认二维码" />
      </View>
    );
  }
  if (state.kind === 'done') {
    return (
      <View className="confirm" id="confirm-done">
        <ResultPage
          status="success"
          title="感谢您的确认"
          description={`已确认客户经理${state.result.managerName}于${formatChinaTime(state.result.visitedAt)}上门走访`}
        />
      </View>
    );
  }
  return (
    <View className="confirm">
      <View className="confirm__card">
        <Text className="confirm__title">确认客户经理上门走访</Text>
        <Text className="confirm__text">
          泰兴农商行客户经理刚刚到访。点击下方按钮,即确认本次走访属实。我们仅记录您确认的时间,不会获取您的手机号等信息。
        </Text>
      </View>
      {state.kind === 'error' ? (
        <Text id="confirm-error" className="confirm__error">
          {state.message}
        </Text>
      ) : null}
      {inWechat ? (
        <Button id="confirm-submit" type="primary" block loading={state.kind === 'sending'} onClick={() => void submit()}>
          确认走访
        </Button>
      ) : (
        <Text id="confirm-wechat-only" className="confirm__hint">
          请在微信中扫码打开本页完成确认
        </Text>
      )}
    </View>
  );
}

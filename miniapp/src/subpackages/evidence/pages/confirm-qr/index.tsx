import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button, ResultPage, Skeleton } from '@nutui/nutui-react-taro';
import type { VisitConfirmationTicket } from '@sunshine/shared';
import { fetchVisit, requestVisitConfirmation } from '../../../../services/visitConfirmations';
import { ApiError, errorText } from '../../../../services/request';
import { secondsLeft, formatCountdown } from './countdown';
import './index.scss';

export const POLL_MS = 3000;

type State =
  | { kind: 'loading' }
  | { kind: 'showing'; ticket: VisitConfirmationTicket }
  | { kind: 'expired' }
  | { kind: 'confirmed'; at: string | null }
  | { kind: 'error'; message: string };

/**
 * The manager shows a mini-program code on their phone; the customer scans it in WeChat and
 * confirms. The page polls the visit until it is confirmed, and offers a new code once this
 * one has expired (five minutes, single use).
 */
export default function ConfirmQrPage() {
  const visitId = String(Taro.getCurrentInstance().router?.params?.visitId ?? '');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const stateRef = useRef(state);
  stateRef.current = state;

  const issue = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'showing', ticket: await requestVisitConfirmation(visitId) });
      setNow(Date.now());
    } catch (err) {
      if (err instanceof ApiError && err.id === 'visit_confirmation.already_confirmed') {
        setState({ kind: 'confirmed', at: null });
        return;
      }
      setState({ kind: 'error', message: errorText(err) });
    }
  }, [visitId]);

  useEffect(() => {
    void issue();
  }, [issue]);

  // One timer drives the countdown and the polling, and stops when the page goes away.
  useEffect(() => {
    if (state.kind !== 'showing') return undefined;
    let polling = false;
    let lastPoll = 0;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      const current = stateRef.current;
      if (current.kind !== 'showing') return;
      if (secondsLeft(current.ticket.expiresAt, t) <= 0) {
        setState({ kind: 'expired' });
        return;
      }
      if (polling || t - lastPoll < POLL_MS) return;
      polling = true;
      lastPoll = t;
      fetchVisit(visitId)
        .then((v) => {
          if (v.confirmation.confirmed) setState({ kind: 'confirmed', at: v.confirmation.confirmedAt });
        })
        .catch(() => undefined) // a missed poll is retried on the next tick
        .finally(() => {
          polling = false;
        });
    }, 1000);
    return () => clearInterval(timer);
  }, [state.kind, visitId]);

  return (
    <View className="confirm-qr">
      {state.kind === 'loading' ? (
        <View id="confirm-qr-loading" className="confirm-qr__loading">
          <Skeleton rows={5} animated />
        </View>
      ) : null}
      {state.kind === 'showing' ? (
        <View id="confirm-qr-showing" className="confirm-qr__card">
          <Text className="confirm-qr__title">请客户用微信扫码确认本次走访</Text>
          <Image id="confirm-qr-image" className="confirm-qr__image" src={state.ticket.qrImage} mode="aspectFit" />
          <Text id="confirm-qr-countdown" className="confirm-qr__countdown">
            {formatCountdown(secondsLeft(state.ticket.expiresAt, now))}后失效,仅可使用一次
          </Text>
          <Text className="confirm-qr__hint">客户确认后本页自动更新</Text>
        </View>
      ) : null}
      {state.kind === 'expired' ? (
        <View id="confirm-qr-expired">
          <ResultPage status="warning" title="二维码已过期" description="请重新生成后让客户扫码" />
          <Button id="confirm-qr-renew" type="primary" block onClick={() => void issue()}>
            重新生成
          </Button>
        </View>
      ) : null}
      {state.kind === 'confirmed' ? (
        <View id="confirm-qr-done">
          <ResultPage status="success" title="客户已确认走访" description="走访核实等级已提升为“客户确认”" />
          <Button id="confirm-qr-back" type="primary" block onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      ) : null}
      {state.kind === 'error' ? (
        <View id="confirm-qr-error">
          <ResultPage status="error" title="无法生成二维码" description={state.message} />
          <Button id="confirm-qr-retry" block onClick={() => void issue()}>
            重试
          </Button>
        </View>
      ) : null}
    </View>
  );
}

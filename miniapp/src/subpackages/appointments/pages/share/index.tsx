import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ShareCard } from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { createShareCard } from '../../../../services/appointments';
import { errorText } from '../../../../services/request';
import { slotLabel } from '../../../../services/slotLabels';
import './index.scss';

const isWeapp = () => process.env.TARO_ENV === 'weapp';

/**
 * The manager's share card. A card is an opaque, expiring code made by the BFF; the shared
 * path carries that code and nothing else (no name, no household, no manager id). In H5 the
 * link is shown to copy instead of WeChat's share sheet. `?householdId=` makes a card for one
 * of the manager's households.
 */
export default function ShareCardPage() {
  const householdId = useRouter().params.householdId;
  const [card, setCard] = useState<ShareCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useShareAppMessage(() => ({
    title: '您的专属客户经理,点击预约上门服务',
    // Without a card there is nothing to share but the manager's page itself.
    path: card ? `${ROUTES.customerCard}?c=${card.code}` : ROUTES.shareCard,
  }));

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCard(await createShareCard(householdId));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const link = card
    ? `${typeof location === 'undefined' ? '' : `${location.origin}${location.pathname}`}#${ROUTES.customerCard}?c=${card.code}`
    : '';

  return (
    <View className="share-card" id="share-card-page">
      <View className="share-card__intro">
        <Text className="share-card__title">分享名片</Text>
        <Text className="share-card__text">客户打开名片后可查看您的信息和本行产品,并预约上门服务。名片7天内有效,只能由一位客户使用。</Text>
      </View>
      {card ? (
        <View className="share-card__result" id="share-card-result">
          <Text id="share-card-expiry">有效期至 {slotLabel(card.expiresAt)}</Text>
          {isWeapp() ? (
            <Button id="share-card-share" type="primary" block openType="share">
              发送给客户
            </Button>
          ) : (
            <View className="share-card__link">
              <Text id="share-card-link" selectable>
                {link}
              </Text>
              <Button id="share-card-copy" size="small" fill="outline" onClick={() => void Taro.setClipboardData({ data: link })}>
                复制链接
              </Button>
            </View>
          )}
        </View>
      ) : null}
      {error ? (
        <Text className="share-card__error" id="share-card-error">
          {error}
        </Text>
      ) : null}
      <Button
        id="share-card-create"
        type={card ? 'default' : 'primary'}
        block
        size="large"
        loading={busy}
        disabled={busy}
        onClick={() => void create()}
      >
        {card ? '重新生成名片' : '生成名片'}
      </Button>
      <Button id="share-to-today" fill="none" block onClick={() => void Taro.navigateTo({ url: ROUTES.appointmentsToday })}>
        查看今日预约
      </Button>
    </View>
  );
}

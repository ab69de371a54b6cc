import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Badge } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../../../config';
import { useOutboxEntries } from '../../../../stores/outbox';
import './index.scss';

/** 待同步 N 条: captures kept on this phone; tap for the outbox page. */
export default function OutboxLine() {
  const entries = useOutboxEntries();
  const failed = entries.filter((e) => e.state === 'failed').length;
  if (!entries.length) return null;
  return (
    <View className="outbox-line" id="outbox-line" onClick={() => void Taro.navigateTo({ url: ROUTES.outbox })}>
      <Badge value={entries.length} />
      <Text className="outbox-line__text" id="outbox-count">
        待同步 {entries.length} 条{failed ? `,其中 ${failed} 条需处理` : ''}
      </Text>
      <Text className="outbox-line__link">查看 ›</Text>
    </View>
  );
}

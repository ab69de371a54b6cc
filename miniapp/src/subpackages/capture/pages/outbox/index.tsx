import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Badge, Button, Tag } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../../../config';
import { outbox, startOutboxSync, syncNow, useOutboxEntries, type OutboxEntry } from '../../../../stores/outbox';
import EmptyState from '../../../../components/EmptyState';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/badge/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

const KIND_LABELS: Record<OutboxEntry['kind'], string> = {
  'household.create': '新建档案',
  'household.update': '修改档案',
  visit: '走访',
};

const time = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/**
 * 待同步: captures kept (encrypted) on this phone until the BFF accepts them. Refused ones stay,
 * with the reason, until the manager deals with them: nothing disappears unseen.
 */
export default function OutboxPage() {
  const entries = useOutboxEntries();
  const [syncing, setSyncing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => startOutboxSync(), []);

  const sync = async () => {
    setSyncing(true);
    setMessage(null);
    try {
      const report = await syncNow(true);
      const left = (await outbox.entries()).filter((e) => e.state === 'pending').length;
      setMessage(
        `已同步 ${report.sent.length} 条` +
          (report.failed.length ? `,${report.failed.length} 条被退回` : '') +
          (left ? `,${left} 条等待网络` : ''),
      );
    } catch {
      setMessage('同步失败,请稍后再试');
    } finally {
      setSyncing(false);
    }
  };

  const pending = entries.filter((e) => e.state === 'pending').length;
  return (
    <View className="outbox">
      <View className="outbox__summary">
        <Badge value={entries.length} max={99}>
          <Text className="outbox__count" id="outbox-total">
            待同步 {entries.length} 条
          </Text>
        </Badge>
        <Button
          id="outbox-sync"
          type="primary"
          size="small"
          loading={syncing}
          disabled={syncing || pending === 0}
          onClick={() => void sync()}
        >
          立即同步
        </Button>
      </View>
      <Text className="outbox__note">离线保存的内容已加密存储在本机,联网后按登记顺序自动发送。</Text>
      {message ? (
        <Text className="outbox__message" id="outbox-message">
          {message}
        </Text>
      ) : null}

      {entries.length === 0 ? <EmptyState title="全部已同步" description="没有等待发送的档案或走访" /> : null}

      {entries.map((e, i) => (
        <View key={e.clientId} className={`outbox-item outbox-item--${e.state}`} id={`outbox-item-${i}`}>
          <View className="outbox-item__head">
            <Tag type={e.state === 'failed' ? 'danger' : 'warning'}>{e.state === 'failed' ? '被退回' : '待发送'}</Tag>
            <Text className="outbox-item__title">{e.title || KIND_LABELS[e.kind]}</Text>
          </View>
          <Text className="outbox-item__meta">
            {KIND_LABELS[e.kind]} · 登记于 {time(e.createdAt)}
            {e.photos.length ? ` · 照片 ${e.photos.length} 张` : ''}
            {e.attempts ? ` · 已尝试 ${e.attempts} 次` : ''}
          </Text>
          {e.lastError ? (
            <Text className="outbox-item__reason" id={`outbox-reason-${i}`}>
              {e.state === 'failed' && e.lastError.status === 409 && e.kind === 'household.update' ? '他人已修改此档案:' : ''}
              {e.lastError.message}
            </Text>
          ) : null}
          {e.state === 'failed' ? (
            <View className="outbox-item__actions">
              {e.householdId && e.kind !== 'visit' ? (
                <Button
                  size="small"
                  fill="outline"
                  onClick={() => void Taro.navigateTo({ url: `${ROUTES.householdForm}?id=${e.householdId}` })}
                >
                  重新编辑
                </Button>
              ) : null}
              <Button id={`outbox-discard-${i}`} size="small" type="danger" fill="outline" onClick={() => void outbox.discard(e.clientId)}>
                放弃此条
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

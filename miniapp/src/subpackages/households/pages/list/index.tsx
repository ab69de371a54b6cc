import { useCallback, useRef, useState } from 'react';
import Taro, { useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell, Loading, Tag } from '@nutui/nutui-react-taro';
import { DEFAULT_PAGE_SIZE, listHouseholds } from '../../../../services/households';
import { errorText } from '../../../../services/request';
import EmptyState from '../../../../components/EmptyState';
import { applyPage, hasMore, initialPager, type PagerState } from './householdPager';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

/**
 * Households within the caller's scope (a manager's own, a president's branch), masked by the
 * BFF: this page never sees a full name, phone or ID number. Pull down to refresh, scroll to
 * load the next page.
 */
export default function HouseholdListPage() {
  const [pager, setPager] = useState<PagerState>(initialPager);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: reach-bottom can fire twice before React re-renders.
  const inflight = useRef(false);

  const load = useCallback(async (page: number, current: PagerState) => {
    if (inflight.current) return;
    inflight.current = true;
    setLoading(true);
    try {
      const result = await listHouseholds({ page, pageSize: DEFAULT_PAGE_SIZE });
      setPager(applyPage(current, page, result));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      inflight.current = false;
      setLoading(false);
    }
  }, []);

  useLoad(() => {
    void load(1, initialPager);
  });

  usePullDownRefresh(() => {
    void load(1, pager).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (hasMore(pager) && !error) void load(pager.page + 1, pager);
  });

  return (
    <View className="households">
      <View className="households__summary" id="households-total">
        <Text>共 {pager.total} 户</Text>
        <Text className="households__note">个人信息已脱敏显示</Text>
      </View>

      {pager.loaded && pager.items.length === 0 && !error ? (
        <EmptyState title="暂无客户" description="您的责任范围内还没有建档农户" />
      ) : null}

      <Cell.Group className="households__list">
        {pager.items.map((h) => (
          <Cell
            key={h.id}
            className="household-item"
            title={
              <View className="household-item__head">
                <Text className="household-name">{h.headName}</Text>
                <Tag className="household-item__members" type="default" plain>
                  {h.memberCount}人
                </Tag>
              </View>
            }
            description={
              <View className="household-item__desc">
                <Text className="household-village">
                  {h.townName} {h.villageName}
                </Text>
                <Text className="household-no">户号 {h.householdNo}</Text>
              </View>
            }
            extra={<Text className="household-phone">{h.headPhone ?? '未留电话'}</Text>}
            align="center"
          />
        ))}
      </Cell.Group>

      {error ? (
        <EmptyState title="加载失败" description={error} actionText="重试" onAction={() => void load(pager.loaded ? pager.page + 1 : 1, pager)} />
      ) : null}

      <View className="households__footer" id="households-footer">
        {loading ? (
          <Loading type="spinner">加载中…</Loading>
        ) : pager.loaded && !hasMore(pager) && pager.items.length > 0 ? (
          <Text>已显示全部 {pager.total} 户</Text>
        ) : null}
      </View>
    </View>
  );
}

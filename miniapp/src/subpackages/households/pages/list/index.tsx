import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading, SearchBar, Segmented, Tag } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../../../config';
import { DEFAULT_PAGE_SIZE, listHouseholds, type HouseholdSummary } from '../../../../services/households';
import { errorText } from '../../../../services/request';
import { startOutboxSync, useOutboxEntries } from '../../../../stores/outbox';
import { getSession } from '../../../../stores/session';
import EmptyState from '../../../../components/EmptyState';
import { applyPage, hasMore, initialPager, type PagerState } from './householdPager';
import { LIST_TABS, statusOf, tabFrom, type ListTab } from './listTabs';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/segmented/style/style.css';
import './index.scss';

interface Filter {
  tab: ListTab;
  q: string;
}

/**
 * Households within the caller's scope (a manager's own, a president's branch), masked by the
 * BFF: this page never sees a full name, phone or ID number. Tabs split them into visited,
 * not yet visited and follow-up due; each row opens the portrait, a visit, the file or a credit evaluation (授信测算).
 */
export default function HouseholdListPage() {
  const [pager, setPager] = useState<PagerState>(initialPager);
  const [filter, setFilter] = useState<Filter>(() => ({ tab: tabFrom(Taro.getCurrentInstance().router?.params?.tab), q: '' }));
  const [query, setQuery] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: reach-bottom can fire twice before React re-renders.
  const inflight = useRef(false);
  // Answers for an older tab or search are dropped when they arrive late.
  const generation = useRef(0);
  // Only the responsible manager files and visits; a president's list is read-only for files.
  const role = getSession()?.user.role;
  const isManager = role === 'manager';
  // 授信测算 is for those the BFF lets run the credit model (runsCreditEvaluations).
  const canEvaluate = isManager || role === 'branch_president';
  const queued = useOutboxEntries().length;

  const load = useCallback(async (page: number, current: PagerState, f: Filter) => {
    if (inflight.current && page > 1) return;
    inflight.current = true;
    const gen = ++generation.current;
    setLoading(true);
    try {
      const result = await listHouseholds({ page, pageSize: DEFAULT_PAGE_SIZE, status: statusOf(f.tab), q: f.q || undefined });
      if (gen !== generation.current) return;
      setPager(applyPage(current, page, result));
      setError(null);
    } catch (err) {
      if (gen === generation.current) setError(errorText(err));
    } finally {
      if (gen === generation.current) {
        inflight.current = false;
        setLoading(false);
      }
    }
  }, []);

  useLoad(() => {
    startOutboxSync();
  });

  useEffect(() => {
    setPager(initialPager);
    void load(1, initialPager, filter);
  }, [filter, load]);

  usePullDownRefresh(() => {
    void load(1, pager, filter).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (hasMore(pager) && !error) void load(pager.page + 1, pager, filter);
  });

  const go = (url: string) => void Taro.navigateTo({ url });
  const search = (q: string) => setFilter((f) => ({ ...f, q: q.trim().slice(0, 32) }));

  return (
    <View className="households">
      <SearchBar
        className="households__search"
        id="households-search"
        placeholder="户号或户主姓名"
        value={query}
        maxLength={32}
        onChange={(v) => setQuery(v)}
        onSearch={(v) => search(v)}
        onClear={() => {
          setQuery('');
          search('');
        }}
      />
      <View className="households__tabs" id="households-tabs">
        <Segmented
          value={filter.tab}
          options={LIST_TABS.map((t) => ({ label: t.title, value: t.value, className: `households-tab households-tab--${t.value}` }))}
          onChange={(v) => setFilter((f) => ({ ...f, tab: tabFrom(String(v)) }))}
        />
      </View>

      <View className="households__summary" id="households-total">
        <Text>共 {pager.total} 户</Text>
        <Text className="households__note">个人信息已脱敏显示</Text>
      </View>
      <View className="households__actions">
        {isManager ? (
          <Button id="household-new" type="primary" size="small" onClick={() => go(ROUTES.householdForm)}>
            新建档案
          </Button>
        ) : null}
        {queued ? (
          <Button id="households-outbox" size="small" fill="outline" onClick={() => go(ROUTES.outbox)}>
            待同步 {queued} 条
          </Button>
        ) : null}
      </View>

      {pager.loaded && pager.items.length === 0 && !error ? (
        <EmptyState title="暂无客户" description={filter.q ? '没有符合条件的农户' : '您的责任范围内还没有这类农户'} />
      ) : null}

      <Cell.Group className="households__list">
        {pager.items.map((h) => (
          <HouseholdRow key={h.id} h={h} canCapture={isManager} canEvaluate={canEvaluate} onGo={go} />
        ))}
      </Cell.Group>

      {error ? (
        <EmptyState
          title="加载失败"
          description={error}
          actionText="重试"
          onAction={() => void load(pager.loaded ? pager.page + 1 : 1, pager, filter)}
        />
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

function HouseholdRow({
  h,
  canCapture,
  canEvaluate,
  onGo,
}: {
  h: HouseholdSummary;
  canCapture: boolean;
  canEvaluate: boolean;
  onGo(url: string): void;
}) {
  return (
    <Cell
      className="household-item"
      title={
        <View className="household-item__head">
          <Text className="household-name">{h.headName}</Text>
          <Tag className="household-item__members" type="default" plain>
            {h.memberCount}人
          </Tag>
          {h.lastVisitAt ? (
            <Tag className="household-item__visited" type="success" plain>
              已走访
            </Tag>
          ) : null}
        </View>
      }
      description={
        <View className="household-item__desc">
          <Text className="household-village">
            {h.townName} {h.villageName}
          </Text>
          <Text className="household-no">户号 {h.householdNo}</Text>
          {h.nextFollowUp ? <Text className="household-followup">跟进 {h.nextFollowUp}</Text> : null}
          <View className="household-item__actions">
            <Button className="household-portrait" size="small" fill="none" onClick={() => onGo(`${ROUTES.portrait}?id=${h.id}`)}>
              画像
            </Button>
            {canCapture ? (
              <>
                <Button
                  className="household-visit"
                  size="small"
                  fill="outline"
                  onClick={() => onGo(`${ROUTES.visitNew}?householdId=${h.id}`)}
                >
                  走访
                </Button>
                <Button className="household-edit" size="small" fill="outline" onClick={() => onGo(`${ROUTES.householdForm}?id=${h.id}`)}>
                  编辑档案
                </Button>
              </>
            ) : null}
            {canEvaluate ? (
              <Button
                className="household-credit"
                size="small"
                fill="outline"
                onClick={() => onGo(`${ROUTES.creditEvaluate}?householdId=${h.id}`)}
              >
                授信测算
              </Button>
            ) : null}
          </View>
        </View>
      }
      extra={<Text className="household-phone">{h.headPhone ?? '未留电话'}</Text>}
      align="center"
    />
  );
}

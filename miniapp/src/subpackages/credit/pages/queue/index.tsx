import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading } from '@nutui/nutui-react-taro';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { listApplications, type CreditApplication } from '../../../../services/credit';
import { errorText } from '../../../../services/request';
import { getSession } from '../../../../stores/session';
import EmptyState from '../../../../components/EmptyState';
import { yuan } from '../../creditLabels';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

/** The approver's own queue first: level 1 for a branch president, level 2 for head-office credit. */
export function queueTabs(role: string | undefined): Array<{ value: ApplicationStatus | 'all'; title: string }> {
  const own: ApplicationStatus | null = role === 'branch_president' ? 'pending_level1' : role === 'hq_credit' ? 'pending_level2' : null;
  const tabs: Array<{ value: ApplicationStatus | 'all'; title: string }> = own ? [{ value: own, title: '待我审批' }] : [];
  return [...tabs, { value: 'approved', title: '已通过' }, { value: 'rejected', title: '已拒绝' }, { value: 'all', title: '全部' }];
}

/** Applications within the caller's data scope (a branch president's branch, head office all). */
export default function CreditQueuePage() {
  const tabs = queueTabs(getSession()?.user.role);
  const [tab, setTab] = useState(tabs[0]!.value);
  const [rows, setRows] = useState<CreditApplication[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (value: ApplicationStatus | 'all') => {
    setLoading(true);
    try {
      const page = await listApplications({ status: value === 'all' ? undefined : value, pageSize: 50 });
      setRows(page.data);
      setTotal(page.total);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, []);

  // Back from an approval, the queue must not show the application as still waiting.
  useDidShow(() => void load(tab));
  usePullDownRefresh(() => void load(tab).finally(() => Taro.stopPullDownRefresh()));

  const switchTab = (value: ApplicationStatus | 'all') => {
    setTab(value);
    void load(value);
  };

  return (
    <View className="credit-queue">
      {/* Buttons rather than NutUI Tabs: four fixed filters need no scrolling title bar. */}
      <View className="credit-queue__filters" id="credit-queue-tabs">
        {tabs.map((t) => (
          <Button
            key={t.value}
            id={`credit-queue-tab-${t.value}`}
            size="small"
            type={t.value === tab ? 'primary' : 'default'}
            onClick={() => switchTab(t.value)}
          >
            {t.title}
          </Button>
        ))}
      </View>
      <View className="credit-queue__summary" id="credit-queue-total">
        <Text>共 {total} 笔</Text>
      </View>
      {!loading && !error && rows.length === 0 ? <EmptyState title="暂无申请" description="这里还没有授信申请" /> : null}
      <Cell.Group>
        {rows.map((a) => (
          <Cell
            key={a.id}
            className="credit-queue-item"
            title={`${a.memberName} · 户号 ${a.householdNo}`}
            description={`${APPLICATION_STATUS_LABELS[a.status]} · ${a.grade}级 · 提交人 ${a.submittedByName}`}
            extra={yuan(a.limit)}
            clickable
            onClick={() => void Taro.navigateTo({ url: `${ROUTES.creditApplication}?id=${a.id}` })}
          />
        ))}
      </Cell.Group>
      {error ? <EmptyState title="加载失败" description={error} actionText="重试" onAction={() => void load(tab)} /> : null}
      {loading ? <Loading type="spinner">加载中…</Loading> : null}
    </View>
  );
}

import { useCallback, useState } from 'react';
import type { ManagerStats } from '@sunshine/shared';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Skeleton, Toast } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../config';
import { logout } from '../../services/auth';
import { fetchMe, type Me } from '../../services/me';
import { fetchMyStats } from '../../services/stats';
import { ApiError, errorText } from '../../services/request';
import { getSession } from '../../stores/session';
import RoleHeader from '../../components/RoleHeader';
import SummaryFigures from '../../components/SummaryFigures';
import EntryList from '../../components/EntryList';
import EmptyState from '../../components/EmptyState';
import ManagerStatsCard from '../../components/ManagerStatsCard';
import { ROLE_ENTRIES, summaryFigures, type HomeEntry } from './roleHome';
import './index.scss';

const TOAST_ID = 'home-toast';

/** Each role's start page: who I am, my scope's figures, and the features I work with. */
export default function HomePage() {
  const [me, setMe] = useState<Me | null>(null);
  const [stats, setStats] = useState<ManagerStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);

  const load = useCallback(async () => {
    try {
      const current = await fetchMe();
      setMe(current);
      setError(null);
      if (current.user.role === 'manager') {
        // The figures are a bonus on top of the home page: without them it still works.
        setStats(await fetchMyStats().catch(() => null));
      }
    } catch (err) {
      // `/me` is for staff; a customer is refused (403) but still has a home: show it from the
      // signed-in user, without scope figures.
      const user = getSession()?.user;
      if (err instanceof ApiError && err.status === 403 && user?.role === 'customer') {
        setMe({ user: { ...user, branchName: null }, scope: 'own', summary: { households: 0, villages: 0 } });
        setError(null);
        return;
      }
      // A dead session has already been sent back to the login page by the request module.
      setError(errorText(err));
    }
  }, []);

  // On every show, not only on load: figures change while the user works in a subpackage.
  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const open = (entry: HomeEntry) => {
    if (entry.url) {
      void Taro.navigateTo({ url: entry.url });
    } else {
      Toast.show(TOAST_ID, { content: `${entry.title}即将上线`, duration: 1.5 });
    }
  };

  const handleLogout = async () => {
    setLoggingOut(true);
    await logout();
    setLoggingOut(false);
    void Taro.reLaunch({ url: ROUTES.login });
  };

  return (
    <View className="home">
      {me ? (
        <View className="home__content" id="home-content">
          <RoleHeader name={me.user.name} role={me.user.role} branchName={me.user.branchName} />
          {me.user.role === 'customer' ? null : <SummaryFigures figures={summaryFigures(me)} />}
          {me.user.role === 'manager' && stats ? <ManagerStatsCard stats={stats} /> : null}
          <EntryList entries={ROLE_ENTRIES[me.user.role] ?? []} onOpen={open} />
        </View>
      ) : error ? (
        <View id="home-error">
          <EmptyState title="加载失败" description={error} actionText="重新加载" onAction={() => void load()} />
        </View>
      ) : (
        <View className="home__loading" id="home-loading">
          <Skeleton rows={4} animated />
        </View>
      )}
      <View className="home__footer">
        <Button id="logout" className="home__logout" fill="outline" block loading={loggingOut} onClick={() => void handleLogout()}>
          退出登录
        </Button>
        <Text className="home__brand">泰兴农村商业银行 · 阳光金融营销平台</Text>
      </View>
      <Toast id={TOAST_ID} />
    </View>
  );
}

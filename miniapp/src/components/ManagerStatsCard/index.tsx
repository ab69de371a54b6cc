import { Text, View } from '@tarojs/components';
import { Progress } from '@nutui/nutui-react-taro';
import type { ManagerStats } from '@sunshine/shared';
import { formatCount } from '../SummaryFigures';
import './index.scss';

const percent = (ratio: number) => Math.round(ratio * 100);

/** A manager's own figures on the home page: visits this week and month, files, village coverage. */
export default function ManagerStatsCard({ stats }: { stats: ManagerStats }) {
  const { coverage } = stats;
  return (
    <View className="manager-stats" id="home-stats">
      <Text className="manager-stats__title">我的统计</Text>
      <View className="manager-stats__figures">
        <View className="manager-stats__figure" id="stats-week">
          <Text className="manager-stats__number">{formatCount(stats.visitsThisWeek)}</Text>
          <Text className="manager-stats__label">本周走访</Text>
        </View>
        <View className="manager-stats__figure" id="stats-month">
          <Text className="manager-stats__number">{formatCount(stats.visitsThisMonth)}</Text>
          <Text className="manager-stats__label">本月走访</Text>
        </View>
        <View className="manager-stats__figure" id="stats-filed">
          <Text className="manager-stats__number">{formatCount(stats.householdsFiled)}</Text>
          <Text className="manager-stats__label">建档户数</Text>
        </View>
      </View>
      <View className="manager-stats__coverage" id="stats-coverage">
        <Text className="manager-stats__coverage-text">
          村覆盖 {coverage.visitedVillages}/{coverage.villages}({percent(coverage.ratio)}%)
        </Text>
        <Progress percent={percent(coverage.ratio)} />
      </View>
      {coverage.byVillage.map((v) => (
        <View key={v.code} className="manager-stats__village" id={`stats-village-${v.code}`}>
          <Text className="manager-stats__village-name">{v.name}</Text>
          <Text className="manager-stats__village-count">
            已走访 {formatCount(v.visitedHouseholds)}/{formatCount(v.households)} 户
          </Text>
        </View>
      ))}
    </View>
  );
}

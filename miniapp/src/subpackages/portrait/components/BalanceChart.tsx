import { Text, View } from '@tarojs/components';
import type { PortraitSeries } from '@sunshine/shared';
import { barHeights, shortDate, wan } from '../portraitFormat';
import './BalanceChart.scss';

const SERIES = [
  { key: 'deposits', label: '存款' },
  { key: 'loans', label: '贷款' },
  { key: 'wealth', label: '理财' },
] as const;

/**
 * Balances over the imported business dates as grouped bars drawn with Views: no chart
 * library (ECharts would add ~1 MB to a subpackage for three bars a day).
 */
export default function BalanceChart({ series }: { series: PortraitSeries }) {
  if (series.dates.length === 0) {
    return (
      <View className="balance-chart balance-chart--empty" id="portrait-chart-empty">
        <Text>暂无行内数据</Text>
      </View>
    );
  }
  const h = barHeights(series);
  return (
    <View className="balance-chart" id="portrait-chart">
      <View className="balance-chart__legend">
        {SERIES.map((s) => (
          <View key={s.key} className="balance-chart__legend-item">
            <View className={`balance-chart__swatch balance-chart__swatch--${s.key}`} />
            <Text>{s.label}</Text>
          </View>
        ))}
        <Text className="balance-chart__max">最高 {wan(h.max)}</Text>
      </View>
      <View className="balance-chart__plot">
        {series.dates.map((d, i) => (
          <View key={d} className="balance-chart__day" id={`portrait-chart-day-${i}`}>
            <View className="balance-chart__bars">
              {SERIES.map((s) => (
                <View
                  key={s.key}
                  className={`balance-chart__bar balance-chart__bar--${s.key}`}
                  style={{ height: `${h[s.key][i]}%` }}
                  data-value={series[s.key][i]}
                />
              ))}
            </View>
            <Text className="balance-chart__date">{shortDate(d)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { SummaryFigure } from '../../pages/home/roleHome';
import './index.scss';

/** 12345 → "12,345". Not toLocaleString: Intl is missing on some WeChat JS engines. */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The headline numbers of the user's data scope, as a card overlapping the header. */
export default function SummaryFigures({ figures }: { figures: SummaryFigure[] }) {
  return (
    <View className="summary-figures" id="home-summary">
      {figures.map((f) => (
        <View key={f.key} className={`summary-figures__item summary-${f.key}`} id={`summary-${f.key}`}>
          <View className="summary-figures__value">
            <Text className="summary-figures__number">{formatCount(f.value)}</Text>
            <Text className="summary-figures__unit">{f.unit}</Text>
          </View>
          <Text className="summary-figures__label">{f.label}</Text>
        </View>
      ))}
    </View>
  );
}

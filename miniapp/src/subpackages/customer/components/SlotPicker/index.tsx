import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Slot } from '@sunshine/shared';
import { cstTime, groupByDay } from '../../../../services/slotLabels';
import './index.scss';

export interface SlotPickerProps {
  slots: Slot[];
  selected: string | null;
  onSelect: (start: string) => void;
}

/**
 * Free slots, one day at a time (China Standard Time): day buttons `day-<n>`, then that day's
 * slots `slot-<n>` in display order, so tests can pick the n-th free slot of the shown day.
 */
export default function SlotPicker({ slots, selected, onSelect }: SlotPickerProps) {
  const groups = groupByDay(slots);
  const [dayIndex, setDayIndex] = useState(0);
  if (groups.length === 0) {
    return (
      <View className="slot-picker__empty" id="slots-empty">
        <Text>近期暂无可预约时段,请稍后再试或直接联系客户经理</Text>
      </View>
    );
  }
  const day = groups[Math.min(dayIndex, groups.length - 1)]!;
  return (
    <View className="slot-picker" id="slot-picker">
      <View className="slot-picker__days">
        {groups.map((g, i) => (
          <Button
            key={g.day}
            id={`day-${i}`}
            size="small"
            type={g.day === day.day ? 'primary' : 'default'}
            fill={g.day === day.day ? 'solid' : 'none'}
            onClick={() => setDayIndex(i)}
          >
            {g.label}
          </Button>
        ))}
      </View>
      <View className="slot-picker__slots">
        {day.slots.map((s, n) => {
          const active = s.start === selected;
          return (
            <Button
              key={s.start}
              id={`slot-${n}`}
              className={`slot-picker__slot${active ? ' slot-picker__slot--active' : ''}`}
              size="small"
              type={active ? 'primary' : 'default'}
              fill={active ? 'solid' : 'outline'}
              onClick={() => onSelect(s.start)}
            >
              {cstTime(s.start)}
            </Button>
          );
        })}
      </View>
    </View>
  );
}

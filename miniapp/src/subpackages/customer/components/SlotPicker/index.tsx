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
 * Free slots grouped by day (China Standard Time). Each slot is a NutUI button with a stable
 * id, `slot-<n>` in display order, so tests can pick the n-th free slot.
 */
export default function SlotPicker({ slots, selected, onSelect }: SlotPickerProps) {
  if (slots.length === 0) {
    return (
      <View className="slot-picker__empty" id="slots-empty">
        <Text>近期暂无可预约时段,请稍后再试或直接联系客户经理</Text>
      </View>
    );
  }
  let n = 0;
  return (
    <View className="slot-picker" id="slot-picker">
      {groupByDay(slots).map((group) => (
        <View key={group.day} className="slot-picker__day">
          <Text className="slot-picker__day-label">{group.label}</Text>
          <View className="slot-picker__slots">
            {group.slots.map((s) => {
              const id = `slot-${n++}`;
              const active = s.start === selected;
              return (
                <Button
                  key={s.start}
                  id={id}
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
      ))}
    </View>
  );
}

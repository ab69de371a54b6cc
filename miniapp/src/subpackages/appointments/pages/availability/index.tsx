import { useState } from 'react';
import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro';
import { availabilitySchema, type AvailabilityWindow } from '@sunshine/shared';
import { fetchAvailability, saveAvailability } from '../../../../services/appointments';
import { errorText } from '../../../../services/request';
import '@nutui/nutui-react-taro/dist/es/packages/checkbox/style/style.css';
import './index.scss';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const PERIODS = [
  { key: 'am', label: '上午 09:00–11:30', start: '09:00', end: '11:30' },
  { key: 'pm', label: '下午 14:00–17:00', start: '14:00', end: '17:00' },
] as const;

type Grid = Record<string, boolean>;
const cellKey = (weekday: number, period: string) => `${weekday}:${period}`;

/** Windows → the page's weekday × half-day grid; windows that match no half-day are kept as they are. */
function toGrid(windows: AvailabilityWindow[]): { grid: Grid; other: AvailabilityWindow[] } {
  const grid: Grid = {};
  const other: AvailabilityWindow[] = [];
  for (const w of windows) {
    const p = PERIODS.find((x) => x.start === w.start && x.end === w.end);
    if (p) grid[cellKey(w.weekday, p.key)] = true;
    else other.push(w);
  }
  return { grid, other };
}

/**
 * The manager's weekly availability, simply: which half-days of the week customers may book
 * (30-minute slots), and the work phone shown masked on the card.
 */
export default function AvailabilityPage() {
  const [grid, setGrid] = useState<Grid>({});
  const [other, setOther] = useState<AvailabilityWindow[]>([]);
  const [workPhone, setWorkPhone] = useState('');
  const [phoneMasked, setPhoneMasked] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useLoad(() => {
    fetchAvailability().then(
      (a) => {
        const g = toGrid(a.windows);
        setGrid(g.grid);
        setOther(g.other);
        setPhoneMasked(a.workPhoneMasked);
      },
      (err: unknown) => setMessage(errorText(err)),
    );
  });

  const save = async () => {
    const windows: AvailabilityWindow[] = [...other];
    for (let d = 1; d <= 7; d++)
      for (const p of PERIODS) if (grid[cellKey(d, p.key)]) windows.push({ weekday: d, start: p.start, end: p.end });
    const input = { windows, ...(workPhone.trim() ? { workPhone: workPhone.trim() } : {}) };
    const parsed = availabilitySchema.safeParse(input);
    if (!parsed.success) return setMessage(parsed.error.issues[0]?.message ?? '输入有误');
    setBusy(true);
    try {
      const saved = await saveAvailability(parsed.data);
      setPhoneMasked(saved.workPhoneMasked);
      setWorkPhone('');
      setMessage('已保存');
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="availability" id="availability-page">
      <Text className="availability__title">每周可预约时间</Text>
      {WEEKDAYS.map((label, i) => (
        <View key={label} className="availability__row">
          <Text className="availability__weekday">{label}</Text>
          {PERIODS.map((p) => {
            const key = cellKey(i + 1, p.key);
            return (
              <Checkbox
                key={key}
                id={`avail-${i + 1}-${p.key}`}
                checked={!!grid[key]}
                onChange={(checked) => setGrid((g) => ({ ...g, [key]: checked }))}
                label={p.label}
              />
            );
          })}
        </View>
      ))}
      <View className="availability__phone">
        <Text>工作电话{phoneMasked ? `(当前 ${phoneMasked})` : ''}</Text>
        <Input id="avail-phone" type="tel" maxLength={11} placeholder="不修改请留空" value={workPhone} onChange={setWorkPhone} />
      </View>
      {message ? (
        <Text className="availability__message" id="avail-message">
          {message}
        </Text>
      ) : null}
      <Button id="avail-save" type="primary" block size="large" loading={busy} disabled={busy} onClick={() => void save()}>
        保存
      </Button>
    </View>
  );
}

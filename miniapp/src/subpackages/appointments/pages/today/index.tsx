import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Popup, Tag } from '@nutui/nutui-react-taro';
import { APPOINTMENT_STATUS_LABELS, BANK_PRODUCTS, type Appointment, type Slot } from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { getSession } from '../../../../stores/session';
import { confirmAppointment, fetchAppointmentsOn, fetchMySlots, rescheduleAppointment } from '../../../../services/appointments';
import { errorText } from '../../../../services/request';
import { cstTime, cstToday, slotLabel } from '../../../../services/slotLabels';
import EmptyState from '../../../../components/EmptyState';
import SlotPicker from '../../../customer/components/SlotPicker';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/style.css';
import './index.scss';

const productName = (id: string) => BANK_PRODUCTS.find((p) => p.id === id)?.name ?? id;
const STATUS_TAG = { requested: 'warning', confirmed: 'success', cancelled: 'default' } as const;

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86400_000).toISOString().slice(0, 10);
}

/**
 * A day's appointments (today by default) within the caller's scope: a manager's own, a branch
 * president's branch. Managers confirm or move them; presidents only look.
 */
export default function AppointmentsTodayPage() {
  const isManager = getSession()?.user.role === 'manager';
  const [day, setDay] = useState(cstToday());
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [selected, setSelected] = useState<string | null>(null);

  const load = useCallback(async (d: string) => {
    try {
      setItems(await fetchAppointmentsOn(d));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  useDidShow(() => {
    void load(day);
  });
  usePullDownRefresh(() => {
    void load(day).finally(() => Taro.stopPullDownRefresh());
  });

  const goTo = (d: string) => {
    setDay(d);
    setItems(null);
    void load(d);
  };

  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      await load(day);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const startMove = async (a: Appointment) => {
    setMoving(a);
    setSelected(null);
    setSlots(await fetchMySlots(7).catch(() => []));
  };

  return (
    <View className="appointments-today" id="appointments-today">
      <View className="appointments-today__bar">
        <Button id="day-prev" size="small" fill="none" onClick={() => goTo(shiftDay(day, -1))}>
          前一天
        </Button>
        <Text id="day-label" className="appointments-today__day">
          {day === cstToday() ? `今天 ${day}` : day}
        </Text>
        <Button id="day-next" size="small" fill="none" onClick={() => goTo(shiftDay(day, 1))}>
          后一天
        </Button>
      </View>
      {isManager ? (
        <View className="appointments-today__links">
          <Button id="to-share" size="small" type="primary" onClick={() => void Taro.navigateTo({ url: ROUTES.shareCard })}>
            分享名片
          </Button>
          <Button id="to-availability" size="small" fill="outline" onClick={() => void Taro.navigateTo({ url: ROUTES.availability })}>
            可预约时间
          </Button>
        </View>
      ) : null}
      {error ? (
        <Text className="appointments-today__error" id="today-error">
          {error}
        </Text>
      ) : null}
      {items && items.length === 0 ? <EmptyState title="当天暂无预约" description="分享名片给客户,客户即可预约" /> : null}
      <Cell.Group>
        {(items ?? []).map((a, i) => (
          <View key={a.id} id={`appointment-${i}`}>
            <Cell
              className="staff-appointment"
              title={
                <View className="staff-appointment__head">
                  <Text className="staff-appointment__time">
                    {cstTime(a.slotStart)}–{cstTime(a.slotEnd)}
                  </Text>
                  <Tag type={STATUS_TAG[a.status]}>{APPOINTMENT_STATUS_LABELS[a.status]}</Tag>
                </View>
              }
              description={
                <View className="staff-appointment__desc">
                  <Text>
                    {a.customer.contactName || '客户'} {a.customer.phoneMasked ?? ''} · {productName(a.productId)}
                  </Text>
                  {a.note ? <Text className="staff-appointment__note">{a.note}</Text> : null}
                  {!isManager ? <Text>客户经理 {a.manager.name}</Text> : null}
                  {isManager && a.status !== 'cancelled' ? (
                    <View className="staff-appointment__actions">
                      {a.status === 'requested' ? (
                        <Button id={`confirm-${i}`} size="small" type="primary" onClick={() => void act(() => confirmAppointment(a.id))}>
                          确认
                        </Button>
                      ) : null}
                      <Button id={`reschedule-${i}`} size="small" fill="outline" onClick={() => void startMove(a)}>
                        改期
                      </Button>
                    </View>
                  ) : null}
                </View>
              }
            />
          </View>
        ))}
      </Cell.Group>

      <Popup
        visible={!!moving}
        position="bottom"
        round
        onClose={() => setMoving(null)}
        title={moving ? `改期:${slotLabel(moving.slotStart)}` : ''}
      >
        <View className="appointments-today__popup" id="reschedule-popup">
          <SlotPicker slots={slots} selected={selected} onSelect={setSelected} />
          <Button
            id="reschedule-submit"
            type="primary"
            block
            disabled={!selected}
            onClick={() => {
              const target = moving;
              setMoving(null);
              if (target && selected) void act(() => rescheduleAppointment(target.id, selected));
            }}
          >
            确认改期
          </Button>
        </View>
      </Popup>
    </View>
  );
}

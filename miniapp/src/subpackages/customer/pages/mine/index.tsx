import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Dialog, Popup, Tag } from '@nutui/nutui-react-taro';
import { APPOINTMENT_STATUS_LABELS, BANK_PRODUCTS, type Appointment, type Slot } from '@sunshine/shared';
import {
  cancelMyAppointment,
  fetchCustomerCard,
  fetchCustomerSlots,
  fetchMyAppointments,
  rescheduleMyAppointment,
} from '../../../../services/customer';
import { errorText } from '../../../../services/request';
import { slotLabel } from '../../../../services/slotLabels';
import EmptyState from '../../../../components/EmptyState';
import SlotPicker from '../../components/SlotPicker';
import { askReminderSubscription } from '../../subscribeReminder';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/style.css';
import './index.scss';

const productName = (id: string) => BANK_PRODUCTS.find((p) => p.id === id)?.name ?? id;
const STATUS_TAG = { requested: 'warning', confirmed: 'success', cancelled: 'default' } as const;

/** The customer's own appointments: reschedule to another free slot, or cancel. */
export default function MyAppointmentsPage() {
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  const load = useCallback(async () => {
    try {
      setItems(await fetchMyAppointments());
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  const startMove = async (a: Appointment) => {
    setMoving(a);
    setSelected(null);
    setSlots(await fetchCustomerSlots(7).catch(() => []));
  };

  const move = async () => {
    if (!moving || !selected) return;
    try {
      const { reminderTemplateId } = await fetchCustomerCard();
      const reminder = await askReminderSubscription(reminderTemplateId);
      await rescheduleMyAppointment(moving.id, { slotStart: selected, ...(reminder ? { reminder } : {}) });
      setMoving(null);
      void Taro.showToast({ title: '已改期,待客户经理确认', icon: 'none' });
      await load();
    } catch (err) {
      setError(errorText(err));
      setMoving(null);
    }
  };

  const cancel = async () => {
    if (!cancelling) return;
    const target = cancelling;
    setCancelling(null);
    try {
      await cancelMyAppointment(target.id);
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <View className="my-appointments" id="my-appointments">
      {error ? (
        <Text className="my-appointments__error" id="mine-error">
          {error}
        </Text>
      ) : null}
      {items && items.length === 0 ? <EmptyState title="暂无预约" description="打开客户经理分享的名片即可预约" /> : null}
      <Cell.Group>
        {(items ?? []).map((a, i) => (
          <View key={a.id} id={`appointment-${i}`}>
            <Cell
              className="my-appointment"
              title={
                <View className="my-appointment__head">
                  <Text className="my-appointment__time">{slotLabel(a.slotStart)}</Text>
                  <Tag type={STATUS_TAG[a.status]} className="my-appointment__status">
                    {APPOINTMENT_STATUS_LABELS[a.status]}
                  </Tag>
                </View>
              }
              description={
                <View className="my-appointment__desc">
                  <Text>
                    {a.manager.name} · {productName(a.productId)}
                  </Text>
                  {a.status !== 'cancelled' ? (
                    <View className="my-appointment__actions">
                      <Button id={`reschedule-${i}`} size="small" fill="outline" onClick={() => void startMove(a)}>
                        改期
                      </Button>
                      <Button id={`cancel-${i}`} size="small" fill="outline" type="danger" onClick={() => setCancelling(a)}>
                        取消预约
                      </Button>
                    </View>
                  ) : null}
                </View>
              }
            />
          </View>
        ))}
      </Cell.Group>

      <Popup visible={!!moving} position="bottom" round onClose={() => setMoving(null)} title="选择新的时段">
        <View className="my-appointments__popup" id="reschedule-popup">
          <SlotPicker slots={slots} selected={selected} onSelect={setSelected} />
          <Button id="reschedule-submit" type="primary" block disabled={!selected} onClick={() => void move()}>
            确认改期
          </Button>
        </View>
      </Popup>

      <Dialog
        id="cancel-dialog"
        visible={!!cancelling}
        title="取消预约"
        content={cancelling ? `确定取消 ${slotLabel(cancelling.slotStart)} 的预约吗?` : ''}
        confirmText="确定取消"
        cancelText="再想想"
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(null)}
      />
    </View>
  );
}

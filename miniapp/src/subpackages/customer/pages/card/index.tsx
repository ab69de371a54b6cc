import { useCallback, useState } from 'react';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading, Radio, TextArea } from '@nutui/nutui-react-taro';
import type { Appointment, CustomerCard, ProductId, Slot } from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { getSession } from '../../../../stores/session';
import { bookAppointment, customerWechatLogin, fetchCustomerCard, fetchCustomerSlots } from '../../../../services/customer';
import { errorText } from '../../../../services/request';
import { slotLabel } from '../../../../services/slotLabels';
import EmptyState from '../../../../components/EmptyState';
import SlotPicker from '../../components/SlotPicker';
import SmsLogin from '../../components/SmsLogin';
import { askReminderSubscription } from '../../subscribeReminder';
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

type Phase = { kind: 'signing-in' } | { kind: 'sms' } | { kind: 'ready' } | { kind: 'failed'; message: string };

const isWeapp = () => process.env.TARO_ENV === 'weapp';

/**
 * Where a manager's share card lands (`?c=<code>`, nothing else in the path). The customer
 * signs in (WeChat silently in the weapp, an SMS code in H5), then sees the manager, the bank's
 * products and free slots, and books one.
 */
export default function CustomerCardPage() {
  const shareCode = useRouter().params.c ?? '';
  const [phase, setPhase] = useState<Phase>({ kind: 'signing-in' });
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [productId, setProductId] = useState<ProductId>('sunshine_credit');
  const [note, setNote] = useState('');
  const [booking, setBooking] = useState(false);
  const [bookError, setBookError] = useState<string | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, s] = await Promise.all([fetchCustomerCard(), fetchCustomerSlots(7)]);
      setCard(c);
      setSlots(s);
      setPhase({ kind: 'ready' });
    } catch (err) {
      setPhase({ kind: 'failed', message: errorText(err) });
    }
  }, []);

  const signInWithWechat = useCallback(async () => {
    setPhase({ kind: 'signing-in' });
    try {
      const { code } = await Taro.login();
      await customerWechatLogin(code, shareCode);
      await load();
    } catch (err) {
      setPhase({ kind: 'failed', message: errorText(err) });
    }
  }, [shareCode, load]);

  useLoad(() => {
    const signedIn = getSession()?.user.role === 'customer';
    // The weapp signs in through the card every time (silent, and it binds a new card);
    // H5 keeps an existing customer session rather than sending another SMS.
    if (isWeapp() && shareCode) void signInWithWechat();
    else if (signedIn) void load();
    else if (!shareCode) setPhase({ kind: 'failed', message: '名片链接无效,请向客户经理重新索取' });
    else setPhase({ kind: 'sms' });
  });

  const book = async () => {
    if (!card || !selected) return setBookError('请选择预约时段');
    setBookError(null);
    setBooking(true);
    try {
      const reminder = await askReminderSubscription(card.reminderTemplateId);
      const appt = await bookAppointment({ slotStart: selected, productId, note, ...(reminder ? { reminder } : {}) });
      setBooked(appt);
      setSelected(null);
      setSlots(await fetchCustomerSlots(7));
    } catch (err) {
      setBookError(errorText(err));
      setSlots(await fetchCustomerSlots(7).catch(() => slots));
    } finally {
      setBooking(false);
    }
  };

  if (phase.kind === 'signing-in') {
    return (
      <View className="customer-card customer-card--center" id="card-loading">
        <Loading type="spinner">正在打开名片…</Loading>
      </View>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <View className="customer-card" id="card-error">
        <EmptyState
          title="无法打开名片"
          description={phase.message}
          actionText={isWeapp() ? '重试' : undefined}
          onAction={isWeapp() ? () => void signInWithWechat() : undefined}
        />
      </View>
    );
  }
  if (phase.kind === 'sms') {
    return (
      <View className="customer-card">
        <SmsLogin shareCode={shareCode} onSignedIn={() => void load()} />
      </View>
    );
  }

  return (
    <View className="customer-card" id="customer-card">
      {card ? (
        <View className="customer-card__manager" id="card-manager">
          <Text className="customer-card__manager-name" id="manager-name">
            {card.manager.name}
          </Text>
          <Text className="customer-card__manager-meta">客户经理 · {card.manager.branchName ?? '泰兴农商行'}</Text>
          {card.manager.workPhoneMasked ? (
            <Text className="customer-card__manager-meta" id="manager-phone">
              工作电话 {card.manager.workPhoneMasked}
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="customer-card__section">
        <Text className="customer-card__section-title">本行产品</Text>
        <Radio.Group value={productId} onChange={(v) => setProductId(v as ProductId)} className="customer-card__products">
          <Cell.Group>
            {card?.products.map((p) => (
              <Cell
                key={p.id}
                className="product-item"
                title={
                  <Radio value={p.id} id={`product-${p.id}`}>
                    {p.name}
                  </Radio>
                }
                description={
                  <View className="product-item__desc">
                    <Text>{p.tagline}</Text>
                    <Text className="product-item__highlights">{p.highlights.join(' · ')}</Text>
                  </View>
                }
              />
            ))}
          </Cell.Group>
        </Radio.Group>
      </View>

      <View className="customer-card__section">
        <Text className="customer-card__section-title">选择预约时段</Text>
        <SlotPicker slots={slots} selected={selected} onSelect={setSelected} />
        <TextArea
          id="book-note"
          className="customer-card__note"
          placeholder="想咨询的问题(选填)"
          maxLength={200}
          value={note}
          onChange={setNote}
        />
        {bookError ? (
          <Text className="customer-card__error" id="book-error">
            {bookError}
          </Text>
        ) : null}
        {booked ? (
          <View className="customer-card__booked" id="book-success">
            <Text>已预约 {slotLabel(booked.slotStart)},等待客户经理确认</Text>
          </View>
        ) : null}
        <Button
          id="book-submit"
          type="primary"
          block
          size="large"
          loading={booking}
          disabled={booking || !selected}
          onClick={() => void book()}
        >
          {selected ? `预约 ${slotLabel(selected)}` : '请选择时段'}
        </Button>
        <Button
          id="to-mine"
          className="customer-card__mine"
          fill="none"
          block
          onClick={() => void Taro.navigateTo({ url: ROUTES.customerAppointments })}
        >
          查看我的预约
        </Button>
      </View>
    </View>
  );
}

import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PRODUCTS, PRODUCT_LABELS, VISIT_OUTCOMES, VISIT_OUTCOME_LABELS } from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { getHousehold, type HouseholdDetail } from '../../../../services/householdFiles';
import { newClientId, outbox, startOutboxSync } from '../../../../stores/outbox';
import { ChoiceRow, FieldError, NotesRow, Section, TextRow, toggleIn } from '../../components/FormRows';
import OutboxLine from '../../components/OutboxLine';
import PhotoCapture, { type CapturedPhoto } from '../../components/PhotoCapture';
import type { FieldErrors } from '../../model/householdDraft';
import { currentFix } from '../../model/geo';
import { chinaDatePlus, emptyVisitDraft, validateVisit, type VisitDraft } from '../../model/visitDraft';
import { saveVisit } from './submitVisit';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/badge/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

const PRODUCT_OPTIONS = PRODUCTS.map((p) => ({ value: p, label: PRODUCT_LABELS[p] }));
const OUTCOME_OPTIONS = VISIT_OUTCOMES.map((o) => ({ value: o, label: VISIT_OUTCOME_LABELS[o] }));
const FOLLOW_UP_OPTIONS = [
  { value: '', label: '不需要' },
  { value: '3', label: '3天后' },
  { value: '7', label: '1周后' },
  { value: '14', label: '2周后' },
  { value: '30', label: '1个月后' },
];

/**
 * 走访登记 (`?householdId=`): where (GCJ-02 with accuracy), camera photos, what was discussed
 * and what comes next. Kept in the encrypted outbox first, so it survives a dead network.
 */
export default function VisitPage() {
  const householdId = Taro.getCurrentInstance().router?.params?.householdId ?? '';
  const [household, setHousehold] = useState<HouseholdDetail | null>(null);
  const [draft, setDraft] = useState<VisitDraft>(emptyVisitDraft);
  const [followUp, setFollowUp] = useState('');
  const [photos, setPhotos] = useState<CapturedPhoto[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [locating, setLocating] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<'sent' | 'queued' | null>(null);
  const clientId = useRef(newClientId());
  const lastFailed = useRef<string | null>(null);

  useEffect(() => {
    startOutboxSync();
    if (householdId) getHousehold(householdId).then(setHousehold, () => setHousehold(null));
    void locate();
  }, [householdId]);

  const locate = async () => {
    setLocating(true);
    try {
      const location = await currentFix();
      setDraft((d) => ({ ...d, location }));
      setErrors(({ location: _gone, ...rest }) => rest);
    } catch {
      setErrors((e) => ({ ...e, location: '定位失败,请在设置中允许使用位置信息后重试' }));
    } finally {
      setLocating(false);
    }
  };

  const submit = async () => {
    if (submitting) return;
    setMessage(null);
    const checked = validateVisit(draft, clientId.current, householdId);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请按提示修改标红的项目');
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      if (lastFailed.current) await outbox.discard(lastFailed.current);
      lastFailed.current = null;
      const title = `走访 · ${household ? `${household.headName} ${household.villageName}` : '户'}`;
      const outcome = await saveVisit(checked.value, photos, title);
      if (outcome.status === 'sent') setDone('sent');
      else if (outcome.status === 'queued') setDone('queued');
      else {
        lastFailed.current = clientId.current;
        clientId.current = newClientId();
        if (outcome.error.field) setErrors({ [outcome.error.field]: outcome.error.message });
        setMessage(outcome.error.message);
      }
    } catch {
      setMessage('保存失败,请稍后再试');
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <View className="visit-page" id="visit-done">
        <OutboxLine />
        <View className="visit-page__done">
          <Text className="visit-page__done-title" id="visit-done-title">
            {done === 'sent' ? '走访已登记' : '网络不可用,走访已加密保存在本机,联网后自动同步'}
          </Text>
          <Button id="visit-back-list" block onClick={() => void Taro.redirectTo({ url: ROUTES.households })}>
            返回客户列表
          </Button>
        </View>
      </View>
    );
  }

  const loc = draft.location;
  return (
    <View className="visit-page">
      <OutboxLine />
      <View className="visit-page__household" id="visit-household">
        <Text className="visit-page__name">{household ? household.headName : '走访对象'}</Text>
        <Text className="visit-page__address">
          {household ? `${household.townName}${household.villageName} ${household.address}` : '户信息暂不可用(离线时仍可登记)'}
        </Text>
      </View>

      <Section title="定位" id="section-location">
        <View className="visit-page__location" id="visit-location">
          <Text>
            {locating
              ? '定位中…'
              : loc
                ? `已定位 ${loc.lat.toFixed(5)}, ${loc.lng.toFixed(5)} · 精度 ${Math.round(loc.accuracy)} 米`
                : '尚未定位'}
          </Text>
          <Button id="visit-locate" size="small" fill="outline" disabled={locating} onClick={() => void locate()}>
            重新定位
          </Button>
        </View>
        <FieldError path="location" errors={errors} />
      </Section>

      <Section title="现场照片" id="section-photos">
        <PhotoCapture photos={photos} onChange={setPhotos} />
        <FieldError path="photoIds" errors={errors} />
      </Section>

      <Section title="走访情况" id="section-visit">
        <ChoiceRow
          idPrefix="visit-outcome"
          label="走访结果"
          path="outcome"
          options={OUTCOME_OPTIONS}
          errors={errors}
          value={draft.outcome}
          onChange={(v) => setDraft((d) => ({ ...d, outcome: v }))}
        />
        <ChoiceRow
          idPrefix="visit-product"
          label="沟通产品(可多选)"
          path="products"
          options={PRODUCT_OPTIONS}
          errors={errors}
          value={draft.products}
          onChange={(v) => setDraft((d) => ({ ...d, products: toggleIn(d.products, v, PRODUCT_OPTIONS) }))}
        />
        <TextRow
          id="visit-credit-amount"
          label="融资需求金额(元)"
          path="creditNeed.amount"
          type="digit"
          value={draft.creditAmount}
          errors={errors}
          placeholder="无需求可不填"
          onChange={(v) => setDraft((d) => ({ ...d, creditAmount: v }))}
        />
        {draft.creditAmount.trim() ? (
          <TextRow
            id="visit-credit-purpose"
            label="资金用途"
            path="creditNeed.purpose"
            value={draft.creditPurpose}
            errors={errors}
            maxLength={100}
            placeholder="如 购买农资"
            onChange={(v) => setDraft((d) => ({ ...d, creditPurpose: v }))}
          />
        ) : null}
        <ChoiceRow
          idPrefix="visit-followup"
          label={`下次跟进${draft.nextFollowUp ? `(${draft.nextFollowUp})` : ''}`}
          path="nextFollowUp"
          options={FOLLOW_UP_OPTIONS}
          errors={errors}
          value={followUp}
          onChange={(v) => {
            setFollowUp(v);
            setDraft((d) => ({ ...d, nextFollowUp: v ? chinaDatePlus(Number(v)) : '' }));
          }}
        />
        <NotesRow
          id="visit-notes"
          label="走访记录"
          path="notes"
          value={draft.notes}
          errors={errors}
          maxLength={1000}
          placeholder="家庭情况、客户意见等"
          onChange={(v) => setDraft((d) => ({ ...d, notes: v }))}
        />
      </Section>

      {message ? (
        <View className="visit-page__message" id="visit-message">
          <Text>{message}</Text>
        </View>
      ) : null}
      <View className="visit-page__submit">
        <Button
          id="visit-submit"
          type="primary"
          block
          size="large"
          loading={submitting}
          disabled={submitting || !householdId}
          onClick={() => void submit()}
        >
          提交走访
        </Button>
      </View>
    </View>
  );
}

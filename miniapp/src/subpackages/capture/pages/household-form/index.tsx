import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../../../config';
import { getHousehold, unmaskMember, type HouseholdDetail } from '../../../../services/householdFiles';
import { errorText } from '../../../../services/request';
import { newClientId, outbox, startOutboxSync } from '../../../../stores/outbox';
import { ChoiceRow, Section, TextRow } from '../../components/FormRows';
import MemberEditor from '../../components/MemberEditor';
import FinanceSection from '../../components/FinanceSection';
import AssetsSection from '../../components/AssetsSection';
import DebtsSection from '../../components/DebtsSection';
import SoftInfoSection from '../../components/SoftInfoSection';
import ConflictNotice from '../../components/ConflictNotice';
import OutboxLine from '../../components/OutboxLine';
import type { Option } from '../../model/labels';
import { loadVillageOptions } from '../../model/villages';
import {
  draftFromDetail,
  emptyDraft,
  emptyMember,
  validateCreate,
  validateUpdate,
  type FieldErrors,
  type HouseholdDraft,
  type MemberDraft,
} from '../../model/householdDraft';
import { saveHousehold } from './submitHousehold';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/badge/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

type Done = { kind: 'sent'; householdId: string; householdNo: string } | { kind: 'queued'; message: string };

/**
 * 一户一档, new (`?` without id) or edited (`?id=`). An edit loads the whole file (members,
 * money, assets, debts, soft information; personal fields masked, kept as stored unless
 * re-entered) and saves it with the version read. Validated with the BFF's own schema before
 * anything is sent; saved through the encrypted outbox, so no network means "kept, sent
 * later", never "lost". An edit that crosses someone else's save shows 他人已修改, with the
 * choice to reload the latest version or keep one's own.
 */
export default function HouseholdFormPage() {
  const editId = Taro.getCurrentInstance().router?.params?.id || undefined;
  const [draft, setDraft] = useState<HouseholdDraft>(emptyDraft);
  const [version, setVersion] = useState<number | null>(null);
  const [villages, setVillages] = useState<Option[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [loading, setLoading] = useState(!!editId);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [conflict, setConflict] = useState<{ currentVersion: number | null; latest: HouseholdDetail | null } | null>(null);
  // Fixed per capture: a double tap or a resend of this draft is the same submission.
  const clientId = useRef(newClientId());
  const lastFailed = useRef<string | null>(null);

  useEffect(() => {
    startOutboxSync();
    (async () => {
      try {
        const detail = editId ? await getHousehold(editId) : null;
        if (detail) {
          setDraft(draftFromDetail(detail));
          setVersion(detail.version);
        }
        const extra = detail ? { code: detail.villageCode, name: `${detail.townName}${detail.villageName}` } : undefined;
        setVillages(await loadVillageOptions(extra).catch(() => (extra ? [{ value: extra.code, label: extra.name }] : [])));
      } catch (err) {
        setMessage(errorText(err));
      } finally {
        setLoading(false);
      }
    })();
  }, [editId]);

  const setMember = (i: number, patch: Partial<MemberDraft>) =>
    setDraft((d) => ({ ...d, members: d.members.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));

  const reveal = async (i: number) => {
    const m = draft.members[i];
    if (!editId || !m?.id) return;
    try {
      const reason = '编辑一户一档';
      const [idNumber, phone] = await Promise.all([
        unmaskMember(editId, m.id, 'idNumber', reason),
        m.masked?.phone ? unmaskMember(editId, m.id, 'phone', reason) : Promise.resolve({ value: null }),
      ]);
      setMember(i, { idNumber: idNumber.value ?? '', ...(phone.value ? { phone: phone.value } : {}) });
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  /** 载入最新: the latest saved file replaces the draft (loaded again if the 409 could not fetch it). */
  const reload = async (latest: HouseholdDetail | null) => {
    setMessage(null);
    try {
      const fresh = latest ?? (editId ? await getHousehold(editId) : null);
      if (fresh) {
        setDraft(draftFromDetail(fresh));
        setVersion(fresh.version);
        setErrors({});
      }
      setConflict(null);
    } catch (err) {
      setMessage(errorText(err));
    }
  };

  const submit = async () => {
    if (submitting) return;
    setMessage(null);
    const checked = editId && version !== null ? validateUpdate(draft, version, clientId.current) : validateCreate(draft, clientId.current);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('请按提示修改标红的项目');
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      // The previous attempt was refused for its content: this corrected one is a new submission.
      if (lastFailed.current) await outbox.discard(lastFailed.current);
      lastFailed.current = null;
      const village = villages.find((v) => v.value === draft.villageCode)?.label ?? draft.villageCode;
      const title = `${editId ? '修改档案' : '新建档案'} · ${village} ${draft.address}`;
      const outcome =
        editId && version !== null
          ? await saveHousehold({ kind: 'update', clientId: clientId.current, householdId: editId, body: checked.value as never }, title)
          : await saveHousehold({ kind: 'create', clientId: clientId.current, body: checked.value as never }, title);
      if (outcome.status === 'sent') {
        const h = outcome.result as HouseholdDetail;
        setDone({ kind: 'sent', householdId: h.id, householdNo: h.householdNo });
      } else if (outcome.status === 'queued') {
        setDone({ kind: 'queued', message: '网络不可用,档案已加密保存在本机,联网后自动同步' });
      } else {
        lastFailed.current = clientId.current;
        clientId.current = newClientId();
        const e = outcome.error;
        if (e.status === 409 && e.field === 'version') {
          const currentVersion = typeof e.details?.currentVersion === 'number' ? e.details.currentVersion : null;
          const latest = editId ? await getHousehold(editId).catch(() => null) : null;
          setConflict({ currentVersion, latest });
        } else if (e.field) {
          setErrors({ [e.field]: e.message });
          setMessage(e.message);
        } else {
          setMessage(e.message);
        }
      }
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (loading) {
    return (
      <View className="household-form household-form--loading">
        <Loading type="spinner">加载中…</Loading>
      </View>
    );
  }

  if (done) {
    return (
      <View className="household-form" id="form-done">
        <OutboxLine />
        <View className="household-form__done">
          {done.kind === 'sent' ? (
            <>
              <Text className="household-form__done-title" id="form-done-title">
                {editId ? '档案已保存' : '建档成功'}
              </Text>
              <Text className="household-form__done-text" id="form-done-no">
                户号 {done.householdNo}
              </Text>
              <Button
                id="form-go-visit"
                type="primary"
                block
                onClick={() => void Taro.redirectTo({ url: `${ROUTES.visitNew}?householdId=${done.householdId}` })}
              >
                登记走访
              </Button>
            </>
          ) : (
            <Text className="household-form__done-title" id="form-queued">
              {done.message}
            </Text>
          )}
          <Button id="form-back-list" block onClick={() => void Taro.redirectTo({ url: ROUTES.households })}>
            返回客户列表
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className="household-form">
      <OutboxLine />
      {conflict ? (
        <ConflictNotice
          latest={conflict.latest}
          currentVersion={conflict.currentVersion}
          draft={draft}
          onReload={() => void reload(conflict.latest)}
          onKeepMine={() => {
            if (conflict.currentVersion) setVersion(conflict.currentVersion);
            setConflict(null);
            setMessage('已基于最新版本保留您的修改,请核对后再次保存');
          }}
        />
      ) : null}
      {editId ? (
        <Text className="household-form__hint" id="form-masked-hint">
          成员的姓名、身份证号、手机号以脱敏显示,不修改即保留原值;需更正时请完整录入,或点「查看完整信息」调取(留痕)。
        </Text>
      ) : null}

      <Section title="户基本信息" id="section-household">
        <ChoiceRow
          idPrefix="village"
          label="所在村居"
          path="villageCode"
          options={villages}
          errors={errors}
          value={draft.villageCode}
          onChange={(v) => setDraft((d) => ({ ...d, villageCode: v }))}
        />
        {villages.length === 0 ? <Text className="household-form__hint">暂无可选村居,请确认网格已分配</Text> : null}
        <TextRow
          id="household-address"
          label="家庭住址"
          path="address"
          value={draft.address}
          errors={errors}
          maxLength={100}
          placeholder="如 新街村3组12号"
          onChange={(v) => setDraft((d) => ({ ...d, address: v }))}
        />
      </Section>

      <Section
        title="家庭成员"
        id="section-members"
        action={
          <Button
            id="add-member"
            size="small"
            fill="outline"
            onClick={() => setDraft((d) => ({ ...d, members: [...d.members, emptyMember('spouse')] }))}
          >
            添加成员
          </Button>
        }
      >
        {errors.members ? (
          <Text className="capture-row__error" id="err-members">
            {errors.members}
          </Text>
        ) : null}
        {draft.members.map((m, i) => (
          <MemberEditor
            key={m.id ?? `new-${i}`}
            index={i}
            member={m}
            errors={errors}
            canRemove={draft.members.length > 1}
            onChange={(next) => setMember(i, next)}
            onRemove={() => setDraft((d) => ({ ...d, members: d.members.filter((_, j) => j !== i) }))}
            onReveal={m.id ? () => void reveal(i) : undefined}
          />
        ))}
      </Section>

      <FinanceSection
        finance={draft.finance}
        errors={errors}
        onChange={(patch) => setDraft((d) => ({ ...d, finance: { ...d.finance, ...patch } }))}
      />
      <AssetsSection assets={draft.assets} errors={errors} onChange={(update) => setDraft((d) => ({ ...d, assets: update(d.assets) }))} />
      <DebtsSection debts={draft.debts} errors={errors} onChange={(update) => setDraft((d) => ({ ...d, debts: update(d.debts) }))} />
      <SoftInfoSection
        softInfo={draft.softInfo}
        errors={errors}
        onChange={(update) => setDraft((d) => ({ ...d, softInfo: update(d.softInfo) }))}
      />

      {message ? (
        <View className="household-form__message" id="form-message">
          <Text>{message}</Text>
        </View>
      ) : null}
      <View className="household-form__submit">
        <Button id="form-submit" type="primary" block size="large" loading={submitting} disabled={submitting} onClick={() => void submit()}>
          {editId ? '保存修改' : '保存档案'}
        </Button>
      </View>
    </View>
  );
}

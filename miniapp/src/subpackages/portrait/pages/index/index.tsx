import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading, Tag } from '@nutui/nutui-react-taro';
import {
  CREDIT_STATE_LABELS,
  PROOF_LEVEL_LABELS,
  RELATION_LABELS,
  VISIT_OUTCOME_LABELS,
  type HouseholdPortrait,
  type PortraitTag,
} from '@sunshine/shared';
import { ROUTES } from '../../../../config';
import { getPortrait } from '../../../../services/portrait';
import { errorText } from '../../../../services/request';
import { getSession } from '../../../../stores/session';
import EmptyState from '../../../../components/EmptyState';
import BalanceChart from '../../components/BalanceChart';
import { wan } from '../../portraitFormat';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

const TAG_TYPE: Record<PortraitTag['severity'], 'danger' | 'warning' | 'success'> = {
  risk: 'danger',
  attention: 'warning',
  opportunity: 'success',
};

/**
 * 客户画像: the household's standing with the bank as of the last T+1 ODS date (summary cards,
 * balances over time), tags with the suggested product and why, the visit timeline and the
 * credit status. Everything personal arrives masked from the BFF.
 */
export default function PortraitPage() {
  const [portrait, setPortrait] = useState<HouseholdPortrait | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const id = Taro.getCurrentInstance().router?.params?.id;
    if (!id) {
      setError('缺少户编号');
      return;
    }
    try {
      setPortrait(await getPortrait(id));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  // Also on the way back from the credit pages, so the 授信状态 shown is the current one.
  useDidShow(() => void load());

  if (!portrait) {
    return (
      <View className="portrait">
        {error ? <EmptyState title="加载失败" description={error} /> : <Loading type="spinner">加载中…</Loading>}
      </View>
    );
  }
  const p = portrait;
  // The roles the BFF lets run an evaluation (policy runsCreditEvaluations).
  const role = getSession()?.user.role;
  const canEvaluate = role === 'manager' || role === 'branch_president';
  const names = new Map(p.members.map((m) => [m.memberId, m.name]));
  return (
    <View className="portrait">
      <View className="portrait__head">
        <Text className="portrait__name" id="portrait-head">
          {p.headName} · 户号 {p.householdNo}
        </Text>
        <Text className="portrait__asof" id="portrait-asof">
          {p.businessDate ? `行内数据截至 ${p.businessDate}(T+1)` : '暂无行内数据'}
        </Text>
      </View>

      <View className="portrait__cards">
        <View className="portrait__card" id="portrait-card-deposit">
          <Text className="portrait__card-label">存款合计</Text>
          <Text className="portrait__card-value">{p.household ? wan(p.household.deposit.total) : '—'}</Text>
          {p.household ? <Text className="portrait__card-note">日均 {wan(p.household.deposit.avg1y)}</Text> : null}
        </View>
        <View className="portrait__card" id="portrait-card-loan">
          <Text className="portrait__card-label">贷款余额</Text>
          <Text className="portrait__card-value">{p.household ? wan(p.household.loan.balance) : '—'}</Text>
          {p.household && p.household.loan.overdueAmount > 0 ? (
            <Text className="portrait__card-note portrait__card-note--risk">逾期 {wan(p.household.loan.overdueAmount)}</Text>
          ) : null}
        </View>
        <View className="portrait__card" id="portrait-card-wealth">
          <Text className="portrait__card-label">理财</Text>
          <Text className="portrait__card-value">{p.household ? wan(p.household.wealth.balance) : '—'}</Text>
        </View>
        <View className="portrait__card" id="portrait-card-ebank">
          <Text className="portrait__card-label">手机银行</Text>
          <Text className="portrait__card-value">{p.household?.ebank.mobile ? '已开通' : '未开通'}</Text>
          <Text className="portrait__card-note">电子银行{p.household?.ebank.ebank ? '已开通' : '未开通'}</Text>
        </View>
      </View>

      <Cell.Group title="余额走势">
        <BalanceChart series={p.series} />
      </Cell.Group>

      <Cell.Group title="画像标签与推荐" id="portrait-tags">
        {p.tags.length === 0 ? <Cell title="暂无标签" /> : null}
        {p.tags.map((t, i) => (
          <View key={`${t.code}-${i}`} className="portrait-tag" id={`portrait-tag-${t.code}`}>
            <View className="portrait-tag__line">
              <Tag type={TAG_TYPE[t.severity]}>{t.label}</Tag>
              {t.productLabel ? <Text className="portrait-tag__product">推荐:{t.productLabel}</Text> : null}
            </View>
            <Text className="portrait-tag__reason">
              {t.memberId ? `${names.get(t.memberId) ?? ''}:` : ''}
              {t.reason}
            </Text>
          </View>
        ))}
      </Cell.Group>

      <Cell.Group title="家庭成员" id="portrait-members">
        {p.members.map((m) => (
          <Cell
            key={m.memberId}
            className="portrait-member"
            title={`${RELATION_LABELS[m.relation]} · ${m.name}`}
            description={m.idNumber}
            extra={m.figures ? `存款 ${wan(m.figures.deposit.total)}` : '行内无记录'}
          />
        ))}
      </Cell.Group>

      <Cell.Group title="授信状态" id="portrait-credit">
        <Cell
          title={CREDIT_STATE_LABELS[p.creditStatus.state]}
          extra={p.creditStatus.limit !== null ? `额度 ${wan(p.creditStatus.limit)}` : ''}
          description={p.creditStatus.usedAmount ? `已用信 ${wan(p.creditStatus.usedAmount)}` : undefined}
        />
        {canEvaluate ? (
          <View className="portrait__action">
            <Button
              id="portrait-evaluate"
              type="primary"
              block
              onClick={() => void Taro.navigateTo({ url: `${ROUTES.creditEvaluate}?householdId=${p.householdId}` })}
            >
              授信测算
            </Button>
          </View>
        ) : null}
      </Cell.Group>

      <Cell.Group title={`走访记录(共${p.visitsTotal}次)`} id="portrait-visits">
        {p.visits.length === 0 ? <Cell title="尚未走访" /> : null}
        {p.visits.map((v) => (
          <Cell
            key={v.id}
            className="portrait-visit"
            title={`${v.at.slice(0, 10)} · ${VISIT_OUTCOME_LABELS[v.outcome]}`}
            description={v.notes || undefined}
            extra={PROOF_LEVEL_LABELS[v.proofLevel]}
          />
        ))}
      </Cell.Group>
    </View>
  );
}

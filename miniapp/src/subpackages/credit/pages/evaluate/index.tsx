import { useCallback, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading, Tag, TextArea } from '@nutui/nutui-react-taro';
import { ROUTES } from '../../../../config';
import { evaluateHousehold, requestHumanReview, submitApplication, type CreditEvaluation } from '../../../../services/credit';
import { errorText } from '../../../../services/request';
import EmptyState from '../../../../components/EmptyState';
import { DECISION_TAG, decisionLabel, limitRows, yuan } from '../../creditLabels';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

/**
 * A manager runs the credit model for a household (the head by default) and sees why: the
 * decision, its reasons in Chinese, the factor points, the limit breakdown and what would
 * change the result. A pass or review can be submitted for approval; an automated rejection
 * can go to a human review at the customer's request (PIPL art. 24).
 */
export default function CreditEvaluatePage() {
  const [ev, setEv] = useState<CreditEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reviewReason, setReviewReason] = useState('');
  const [reviewSent, setReviewSent] = useState(false);

  const run = useCallback(async () => {
    const params = Taro.getCurrentInstance().router?.params ?? {};
    if (!params.householdId) {
      setError('缺少农户编号');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setEv(await evaluateHousehold(params.householdId, params.memberId));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }, []);

  useLoad(() => void run());

  const submit = async () => {
    if (!ev) return;
    setBusy(true);
    try {
      const app = await submitApplication(ev.id);
      void Taro.showToast({ title: '已提交审批', icon: 'success' });
      void Taro.redirectTo({ url: `${ROUTES.creditApplication}?id=${app.id}` });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const askReview = async () => {
    if (!ev || !reviewReason.trim()) return;
    setBusy(true);
    try {
      await requestHumanReview(ev.id, reviewReason.trim());
      setReviewSent(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!ev) {
    return (
      <View className="credit-evaluate">
        {busy ? <Loading type="spinner">测算中…</Loading> : null}
        {error ? <EmptyState title="测算失败" description={error} actionText="重试" onAction={() => void run()} /> : null}
      </View>
    );
  }

  const canSubmit = ev.decision === 'pass' || ev.decision === 'review';
  return (
    <View className="credit-evaluate">
      <View className="credit-evaluate__head" id="credit-decision">
        <Tag type={DECISION_TAG[ev.decision]} className="credit-evaluate__decision">
          {decisionLabel(ev.decision)}
        </Tag>
        <Text className="credit-evaluate__limit" id="credit-limit">
          {canSubmit ? `预授信额度 ${yuan(ev.limit)}` : '暂无额度'}
        </Text>
        <Text className="credit-evaluate__meta" id="credit-score">
          {ev.memberName} · 评分 {ev.score} · 评级 {ev.grade} · {ev.modelVersion}
        </Text>
      </View>

      {ev.reasons.length ? (
        <Cell.Group title="原因" id="credit-reasons">
          {ev.reasons.map((r) => (
            <Cell key={`${r.code}-${r.outcome}`} className="credit-reason" title={r.message} extra={decisionLabel(r.outcome)} />
          ))}
        </Cell.Group>
      ) : null}

      <Cell.Group
        title={ev.nextGrade ? `评分构成(距${ev.nextGrade.grade}级还差${ev.nextGrade.pointsNeeded}分)` : '评分构成'}
        id="credit-factors"
      >
        {ev.factorsDetail.map((f) => (
          <Cell key={f.name} className="credit-factor" title={f.label} extra={`${f.points}分`} />
        ))}
      </Cell.Group>

      {ev.limitBreakdown ? (
        <Cell.Group title="额度测算" id="credit-breakdown">
          {limitRows(ev.limitBreakdown).map((row) => (
            <Cell key={row.key} className="credit-breakdown-row" title={row.label} extra={row.value} />
          ))}
        </Cell.Group>
      ) : null}

      {ev.whatIf.length ? (
        <Cell.Group title="怎样可以改善结果" id="credit-whatif">
          {ev.whatIf.map((w) => (
            <Cell
              key={`${w.kind}-${w.fact}`}
              className="credit-whatif"
              title={w.message}
              extra={`${decisionLabel(w.result.decision)} ${yuan(w.result.limit)}`}
            />
          ))}
        </Cell.Group>
      ) : null}

      {error ? (
        <Text className="credit-evaluate__error" id="credit-error">
          {error}
        </Text>
      ) : null}

      <View className="credit-evaluate__actions">
        {canSubmit ? (
          <Button id="credit-submit" type="primary" block loading={busy} onClick={() => void submit()}>
            提交授信申请{ev.approvalLevels === 2 ? '(需支行、总行两级审批)' : '(需支行审批)'}
          </Button>
        ) : null}
        {ev.decision === 'incomplete' ? (
          <Button id="credit-rerun" type="primary" block loading={busy} onClick={() => void run()}>
            重新测算
          </Button>
        ) : null}
      </View>

      {ev.decision === 'reject' ? (
        <View className="credit-evaluate__review" id="credit-review">
          {reviewSent ? (
            <Text id="credit-review-sent">已提交人工复核申请,支行将安排复核</Text>
          ) : (
            <>
              <TextArea
                id="credit-review-reason"
                placeholder="客户对结果有异议?请填写复核理由"
                maxLength={500}
                value={reviewReason}
                onChange={(v) => setReviewReason(v)}
              />
              <Button id="credit-review-submit" block disabled={!reviewReason.trim()} loading={busy} onClick={() => void askReview()}>
                代客户申请人工复核
              </Button>
            </>
          )}
        </View>
      ) : null}
    </View>
  );
}

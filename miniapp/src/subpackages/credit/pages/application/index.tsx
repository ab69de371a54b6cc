import { useCallback, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell, Loading, Tag, TextArea } from '@nutui/nutui-react-taro';
import { APPLICATION_STATUS_LABELS, SYNC_STATE_LABELS } from '@sunshine/shared';
import { decideApplication, getApplication, type CreditApplication } from '../../../../services/credit';
import { errorText } from '../../../../services/request';
import { getSession } from '../../../../stores/session';
import EmptyState from '../../../../components/EmptyState';
import { decisionLabel, yuan } from '../../creditLabels';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

/** Which level the caller signs, if any: branch presidents level 1, head-office credit level 2. */
export function levelFor(role: string | undefined, app: CreditApplication): 1 | 2 | null {
  if (role === 'branch_president' && app.status === 'pending_level1') return 1;
  if (role === 'hq_credit' && app.status === 'pending_level2') return 2;
  return null;
}

/**
 * One application: its evaluation summary, the approval trail and, once approved, the V7
 * sync state. An approver of the current level approves or rejects it here with a comment;
 * the BFF refuses self-approval and double approval, and this page shows its message.
 */
export default function CreditApplicationPage() {
  const [app, setApp] = useState<CreditApplication | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const session = getSession();

  const load = useCallback(async () => {
    const id = Taro.getCurrentInstance().router?.params?.id;
    if (!id) {
      setError('缺少申请编号');
      return;
    }
    try {
      setApp(await getApplication(id));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);

  useLoad(() => void load());

  const decide = async (action: 'approve' | 'reject') => {
    if (!app || !comment.trim()) return;
    setBusy(true);
    try {
      setApp(await decideApplication(app.id, action, comment.trim()));
      setError(null);
      void Taro.showToast({ title: action === 'approve' ? '已审批通过' : '已拒绝', icon: 'success' });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!app) {
    return (
      <View className="credit-app">
        {error ? <EmptyState title="加载失败" description={error} /> : <Loading type="spinner">加载中…</Loading>}
      </View>
    );
  }
  const level = levelFor(session?.user.role, app);
  const mine = session?.user.id === app.submittedBy;
  return (
    <View className="credit-app">
      <View className="credit-app__head">
        {/* NutUI's Tag drops `id`: the wrapper carries it. */}
        <View id="credit-app-status">
          <Tag type={app.status === 'rejected' ? 'danger' : app.status === 'approved' ? 'success' : 'warning'}>
            {APPLICATION_STATUS_LABELS[app.status]}
          </Tag>
        </View>
        <Text className="credit-app__limit" id="credit-app-limit">
          {yuan(app.limit)}
        </Text>
        <Text className="credit-app__meta">
          {app.memberName} · {app.idNumber} · 户号 {app.householdNo}
        </Text>
      </View>
      <Cell.Group title="测算结论">
        <Cell title="模型结论" extra={`${decisionLabel(app.decision)} · ${app.grade}级 ${app.score}分`} />
        <Cell title="审批层级" extra={app.approvalLevels === 2 ? '支行行长 + 总行授信审批' : '支行行长'} />
        <Cell title="提交人" extra={app.submittedByName} />
        {app.sync ? (
          <View id="credit-app-sync">
            <Cell title="V7同步" extra={`${SYNC_STATE_LABELS[app.sync.state]}(已尝试${app.sync.attempts}次)`} />
          </View>
        ) : null}
      </Cell.Group>
      <Cell.Group title="审批记录" id="credit-app-trail">
        {app.approvals.length === 0 ? <Cell title="尚无审批" /> : null}
        {app.approvals.map((a) => (
          <Cell
            key={a.level}
            className="credit-app-step"
            title={`${a.level === 1 ? '支行' : '总行'} · ${a.userName} · ${a.decision === 'approve' ? '同意' : '拒绝'}`}
            description={a.comment}
            extra={a.at.slice(0, 10)}
          />
        ))}
      </Cell.Group>

      {error ? (
        <Text className="credit-app__error" id="credit-app-error">
          {error}
        </Text>
      ) : null}

      {level && !mine ? (
        <View className="credit-app__decide" id="credit-app-decide">
          <TextArea id="credit-app-comment" placeholder="请填写审批意见" maxLength={500} value={comment} onChange={(v) => setComment(v)} />
          <Button
            id="credit-app-approve"
            type="primary"
            block
            disabled={!comment.trim()}
            loading={busy}
            onClick={() => void decide('approve')}
          >
            同意({level === 1 ? '支行审批' : '总行审批'})
          </Button>
          <Button
            id="credit-app-reject"
            type="danger"
            fill="outline"
            block
            disabled={!comment.trim()}
            loading={busy}
            onClick={() => void decide('reject')}
          >
            拒绝
          </Button>
        </View>
      ) : null}
      {level && mine ? <Text className="credit-app__note">您提交的申请须由其他审批人审批</Text> : null}
    </View>
  );
}

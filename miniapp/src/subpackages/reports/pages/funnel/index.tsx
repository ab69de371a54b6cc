import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { Button, Cell, Loading } from '@nutui/nutui-react-taro';
import { ROLE_SCOPE, funnelFileName, type FunnelFigures, type FunnelReport } from '@sunshine/shared';
import { downloadFunnelWorkbook, fetchFunnelReport } from '../../../../services/reports';
import { errorText } from '../../../../services/request';
import { getSession } from '../../../../stores/session';
import EmptyState from '../../../../components/EmptyState';
import { PRESETS, chinaClock, chinaToday, figureLine, presetPeriod, stageBars, wan, type Period, type PresetKey } from '../../funnelView';
import { saveWorkbook } from '../../saveWorkbook';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './index.scss';

type Grouping = 'branch' | 'village' | 'manager';
const GROUPINGS: Array<{ key: Grouping; title: string }> = [
  { key: 'branch', title: '按支行' },
  { key: 'village', title: '按村居' },
  { key: 'manager', title: '按客户经理' },
];

interface Row {
  key: string;
  title: string;
  figures: FunnelFigures;
  branchId?: string;
}

function rowsOf(report: FunnelReport, grouping: Grouping): Row[] {
  if (grouping === 'branch')
    return report.byBranch.map((r) => ({ key: r.branchId, title: r.name, figures: r.figures, branchId: r.branchId }));
  if (grouping === 'village')
    return report.byVillage.map((r) => ({
      key: `${r.branchId}|${r.villageCode}`,
      title: r.townName ? `${r.townName} · ${r.name}` : r.name,
      figures: r.figures,
    }));
  return report.byManager.map((r) => ({ key: `${r.branchId}|${r.managerId}`, title: r.name, figures: r.figures }));
}

/**
 * 营销漏斗: visited → filed → evaluated → approved → synced → signed → used for a period, for a
 * branch president's branch or, at head office, the whole bank (a branch's row opens that
 * branch). Each stage counts households that first reached it in the period. Exports the same
 * report as an Excel workbook.
 */
export default function FunnelReportPage() {
  const headOffice = ROLE_SCOPE[getSession()?.user.role ?? 'manager'] === 'all';
  const [preset, setPreset] = useState<PresetKey | null>('this_month');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('this_month', chinaToday()));
  const [branchId, setBranchId] = useState<string | undefined>(undefined);
  const [grouping, setGrouping] = useState<Grouping>(headOffice ? 'branch' : 'village');
  const [report, setReport] = useState<FunnelReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setReport(await fetchFunnelReport({ ...period, branchId }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [period, branchId]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const choosePreset = (key: PresetKey) => {
    setPreset(key);
    setPeriod(presetPeriod(key, chinaToday()));
  };
  const chooseDay = (bound: 'from' | 'to', day: string) => {
    setPreset(null);
    // Keep the period ordered: moving one end past the other moves both.
    setPeriod((p) => (bound === 'from' ? { from: day, to: day > p.to ? day : p.to } : { from: day < p.from ? day : p.from, to: day }));
  };
  const openBranch = (id: string) => {
    setBranchId(id);
    setGrouping('village');
  };
  const backToBank = () => {
    setBranchId(undefined);
    setGrouping('branch');
  };

  const exportWorkbook = async () => {
    if (!report) return;
    setExporting(true);
    try {
      const { tempFilePath } = await downloadFunnelWorkbook({ ...period, branchId });
      const how = await saveWorkbook(tempFilePath, funnelFileName(report));
      if (how === 'saved') void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const groupings = GROUPINGS.filter((g) => g.key !== 'branch' || (headOffice && !branchId));
  const rows = report ? rowsOf(report, grouping) : [];
  const scopeName = report?.scope.branchName ?? (report ? '全行' : '');

  return (
    <View className="funnel">
      <View className="funnel__presets" id="funnel-presets">
        {PRESETS.map((p) => (
          <Button
            key={p.key}
            id={`funnel-preset-${p.key}`}
            size="small"
            type={p.key === preset ? 'primary' : 'default'}
            onClick={() => choosePreset(p.key)}
          >
            {p.title}
          </Button>
        ))}
      </View>
      <View className="funnel__range" id="funnel-range">
        <Picker mode="date" value={period.from} end={chinaToday()} onChange={(e) => chooseDay('from', String(e.detail.value))}>
          <Text className="funnel__day" id="funnel-from">
            {period.from}
          </Text>
        </Picker>
        <Text className="funnel__range-sep">至</Text>
        <Picker mode="date" value={period.to} end={chinaToday()} onChange={(e) => chooseDay('to', String(e.detail.value))}>
          <Text className="funnel__day" id="funnel-to">
            {period.to}
          </Text>
        </Picker>
      </View>

      {report ? (
        <View className="funnel__card" id="funnel-card">
          <View className="funnel__scope">
            <Text className="funnel__scope-name" id="funnel-scope">
              {scopeName}
            </Text>
            {headOffice && branchId ? (
              <Button id="funnel-back" size="mini" fill="none" onClick={backToBank}>
                返回全行
              </Button>
            ) : null}
          </View>
          {stageBars(report.totals).map((bar) => (
            <View key={bar.stage} className="funnel__stage" id={`funnel-stage-${bar.stage}`}>
              <Text className="funnel__stage-label">{bar.label}</Text>
              <View className="funnel__bar-track">
                <View className="funnel__bar" style={{ width: `${bar.width}%` }} />
              </View>
              <Text className="funnel__stage-value">{bar.value.toLocaleString('en-US')}户</Text>
            </View>
          ))}
          <View className="funnel__amounts" id="funnel-amounts">
            <Text>审批额度 {wan(report.totals.approvedLimit)}</Text>
            <Text>签约额度 {wan(report.totals.signedLimit)}</Text>
            <Text>用信金额 {wan(report.totals.drawnAmount)}</Text>
          </View>
          <Text className="funnel__note">口径:各环节为期间内首次到达该环节的农户数,归属到达时的支行、村居和责任客户经理。</Text>
        </View>
      ) : null}

      {report ? (
        <View className="funnel__groupings" id="funnel-groupings">
          {groupings.map((g) => (
            <Button
              key={g.key}
              id={`funnel-grouping-${g.key}`}
              size="small"
              type={g.key === grouping ? 'primary' : 'default'}
              onClick={() => setGrouping(g.key)}
            >
              {g.title}
            </Button>
          ))}
        </View>
      ) : null}
      {report && !loading && rows.length === 0 ? <EmptyState title="暂无数据" description="该期间内还没有农户到达任何环节" /> : null}
      <Cell.Group>
        {rows.map((r) => (
          <Cell
            key={r.key}
            className="funnel-row"
            title={r.title}
            description={figureLine(r.figures)}
            extra={r.figures.approvedLimit ? `审批 ${wan(r.figures.approvedLimit)}` : undefined}
            clickable={!!r.branchId}
            onClick={r.branchId ? () => openBranch(r.branchId!) : undefined}
          />
        ))}
      </Cell.Group>

      {error ? <EmptyState title="加载失败" description={error} actionText="重试" onAction={() => void load()} /> : null}
      {loading ? <Loading type="spinner">加载中…</Loading> : null}
      {report ? (
        <View className="funnel__footer">
          <Text className="funnel__asof" id="funnel-asof">
            数据截至 {chinaClock(report.asOf)}
          </Text>
          <Button id="funnel-export" type="primary" block loading={exporting} onClick={() => void exportWorkbook()}>
            导出 Excel
          </Button>
        </View>
      ) : null}
    </View>
  );
}

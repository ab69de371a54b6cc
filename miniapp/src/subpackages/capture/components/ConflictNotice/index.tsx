import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { HouseholdDetail } from '../../../../services/householdFiles';
import type { HouseholdDraft } from '../../model/householdDraft';
import { RELATION_OPTIONS } from '../../model/labels';
import './index.scss';

export interface ConflictNoticeProps {
  /** The file as saved by the other person, loaded when the 409 arrived. */
  latest: HouseholdDetail | null;
  currentVersion: number | null;
  draft: HouseholdDraft;
  /** Throw the draft away and edit the latest version. */
  onReload(): void;
  /** Keep the draft, now based on the latest version; the next save overwrites on purpose. */
  onKeepMine(): void;
}

const relationLabel = (r: string) => RELATION_OPTIONS.find((o) => o.value === r)?.label ?? r;

/** What differs between the draft and the latest saved file, in the fields the BFF shows. */
export function differences(draft: HouseholdDraft, latest: HouseholdDetail): string[] {
  const out: string[] = [];
  if (draft.villageCode !== latest.villageCode) out.push(`村居:他人保存为 ${latest.villageName || latest.villageCode}`);
  if (draft.address.trim() !== latest.address) out.push(`地址:他人保存为「${latest.address}」`);
  if (draft.members.length !== latest.members.length)
    out.push(`成员数:我的 ${draft.members.length} 人,他人保存 ${latest.members.length} 人`);
  const mine = new Set(draft.members.map((m) => m.id).filter(Boolean));
  for (const m of latest.members) {
    if (!mine.has(m.id)) out.push(`他人新增成员:${relationLabel(m.relation)} ${m.name}`);
  }
  return out;
}

/**
 * 他人已修改: someone saved the file after it was opened here. The draft is kept; the user
 * decides, with the differences in view, never a silent overwrite.
 */
export default function ConflictNotice({ latest, currentVersion, draft, onReload, onKeepMine }: ConflictNoticeProps) {
  const [comparing, setComparing] = useState(false);
  const diffs = latest ? differences(draft, latest) : [];
  return (
    <View className="conflict-notice" id="conflict-notice">
      <Text className="conflict-notice__title">他人已修改此档案{currentVersion ? `(当前版本 ${currentVersion})` : ''}</Text>
      <Text className="conflict-notice__text">您的修改尚未保存,仍保留在本页。请先对比,再决定如何处理。</Text>
      {comparing ? (
        <View className="conflict-notice__diff" id="conflict-diff">
          {diffs.length ? (
            diffs.map((d) => (
              <Text key={d} className="conflict-notice__line">
                {d}
              </Text>
            ))
          ) : (
            <Text>基本信息无差异,收入资产等明细以各自保存为准</Text>
          )}
        </View>
      ) : null}
      <View className="conflict-notice__actions">
        <Button id="conflict-compare" size="small" fill="outline" onClick={() => setComparing(!comparing)}>
          {comparing ? '收起对比' : '对比差异'}
        </Button>
        <Button id="conflict-reload" size="small" fill="outline" onClick={onReload}>
          载入最新(放弃我的修改)
        </Button>
        <Button id="conflict-keep" size="small" type="primary" onClick={onKeepMine}>
          保留我的修改
        </Button>
      </View>
    </View>
  );
}

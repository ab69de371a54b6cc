import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ChoiceRow, Section, TextRow } from '../FormRows';
import { HOUSE_KIND_OPTIONS } from '../../model/labels';
import type { FieldErrors, HouseDraft, HouseholdDraft, ItemDraft, ItemListKey } from '../../model/householdDraft';
import './index.scss';

type Assets = HouseholdDraft['assets'];

const ITEM_LISTS: Array<[ItemListKey, string, string]> = [
  ['vehicles', '车辆', '如 小轿车'],
  ['machinery', '农机具', '如 收割机'],
  ['livestock', '畜禽', '如 生猪'],
];

const emptyHouse = (): HouseDraft => ({ kind: 'main', structure: '', rooms: '', estate: '', area: '', appraisedValue: '' });
const emptyItem = (): ItemDraft => ({ kind: '', count: '1', value: '' });

/** 资产: houses, vehicles, machinery, livestock, land, deposits at other banks, other assets. */
export default function AssetsSection({
  assets,
  errors,
  onChange,
}: {
  assets: Assets;
  errors: FieldErrors;
  onChange(update: (a: Assets) => Assets): void;
}) {
  const setHouse = (i: number, patch: Partial<HouseDraft>) =>
    onChange((a) => ({ ...a, houses: a.houses.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));
  const setItem = (key: ItemListKey, i: number, patch: Partial<ItemDraft>) =>
    onChange((a) => ({ ...a, [key]: a[key].map((x, j) => (j === i ? { ...x, ...patch } : x)) }));

  return (
    <Section title="家庭资产" id="section-assets">
      <View className="asset-list">
        <View className="asset-list__head">
          <Text>房产</Text>
          <Button
            id="add-house"
            size="small"
            fill="outline"
            onClick={() => onChange((a) => ({ ...a, houses: [...a.houses, emptyHouse()] }))}
          >
            添加房产
          </Button>
        </View>
        {assets.houses.map((h, i) => (
          <View key={i} className="asset-item" id={`house-${i}`}>
            <ChoiceRow
              idPrefix={`house-${i}-kind`}
              label="类型"
              path={`assets.houses.${i}.kind`}
              options={HOUSE_KIND_OPTIONS}
              errors={errors}
              value={h.kind}
              onChange={(v) => setHouse(i, { kind: v })}
            />
            <TextRow
              id={`house-${i}-structure`}
              label="结构"
              path={`assets.houses.${i}.structure`}
              value={h.structure}
              errors={errors}
              placeholder="如 砖混"
              onChange={(v) => setHouse(i, { structure: v })}
            />
            <TextRow
              id={`house-${i}-rooms`}
              label="间数"
              path={`assets.houses.${i}.rooms`}
              type="number"
              value={h.rooms}
              errors={errors}
              onChange={(v) => setHouse(i, { rooms: v })}
            />
            {h.kind === 'flat' ? (
              <TextRow
                id={`house-${i}-estate`}
                label="小区"
                path={`assets.houses.${i}.estate`}
                value={h.estate}
                errors={errors}
                maxLength={50}
                placeholder="如 泰兴城中花园"
                onChange={(v) => setHouse(i, { estate: v })}
              />
            ) : null}
            <TextRow
              id={`house-${i}-area`}
              label="面积(㎡)"
              path={`assets.houses.${i}.area`}
              type="digit"
              value={h.area}
              errors={errors}
              onChange={(v) => setHouse(i, { area: v })}
            />
            <TextRow
              id={`house-${i}-value`}
              label="估值(元)"
              path={`assets.houses.${i}.appraisedValue`}
              type="digit"
              value={h.appraisedValue}
              errors={errors}
              onChange={(v) => setHouse(i, { appraisedValue: v })}
            />
            <Button
              size="small"
              fill="none"
              type="danger"
              onClick={() => onChange((a) => ({ ...a, houses: a.houses.filter((_, j) => j !== i) }))}
            >
              删除此房产
            </Button>
          </View>
        ))}
      </View>

      {ITEM_LISTS.map(([key, label, hint]) => (
        <View className="asset-list" key={key}>
          <View className="asset-list__head">
            <Text>{label}</Text>
            <Button
              id={`add-${key}`}
              size="small"
              fill="outline"
              onClick={() => onChange((a) => ({ ...a, [key]: [...a[key], emptyItem()] }))}
            >
              添加{label}
            </Button>
          </View>
          {assets[key].map((x, i) => (
            <View key={i} className="asset-item" id={`${key}-${i}`}>
              <TextRow
                id={`${key}-${i}-kind`}
                label="名称"
                path={`assets.${key}.${i}.kind`}
                value={x.kind}
                errors={errors}
                placeholder={hint}
                maxLength={20}
                onChange={(v) => setItem(key, i, { kind: v })}
              />
              <TextRow
                id={`${key}-${i}-count`}
                label="数量"
                path={`assets.${key}.${i}.count`}
                type="number"
                value={x.count}
                errors={errors}
                onChange={(v) => setItem(key, i, { count: v })}
              />
              <TextRow
                id={`${key}-${i}-value`}
                label="估值(元)"
                path={`assets.${key}.${i}.value`}
                type="digit"
                value={x.value}
                errors={errors}
                onChange={(v) => setItem(key, i, { value: v })}
              />
              <Button
                size="small"
                fill="none"
                type="danger"
                onClick={() => onChange((a) => ({ ...a, [key]: a[key].filter((_, j) => j !== i) }))}
              >
                删除
              </Button>
            </View>
          ))}
        </View>
      ))}

      <TextRow
        id="assets-landArea"
        label="承包土地(亩)"
        path="assets.landArea"
        type="digit"
        value={assets.landArea}
        errors={errors}
        placeholder="选填"
        onChange={(v) => onChange((a) => ({ ...a, landArea: v }))}
      />
      <TextRow
        id="assets-depositsElsewhere"
        label="他行存款(元)"
        path="assets.depositsElsewhere"
        type="digit"
        value={assets.depositsElsewhere}
        errors={errors}
        placeholder="选填"
        onChange={(v) => onChange((a) => ({ ...a, depositsElsewhere: v }))}
      />
      <TextRow
        id="assets-otherAssets"
        label="其他资产(元)"
        path="assets.otherAssets"
        type="digit"
        value={assets.otherAssets}
        errors={errors}
        placeholder="选填"
        onChange={(v) => onChange((a) => ({ ...a, otherAssets: v }))}
      />
    </Section>
  );
}

import { Text, View } from '@tarojs/components';
import { Cell, Tag } from '@nutui/nutui-react-taro';
import type { HomeEntry } from '../../pages/home/roleHome';
import './index.scss';

export interface EntryListProps {
  entries: HomeEntry[];
  onOpen: (entry: HomeEntry) => void;
}

/** The features a role works with; unbuilt ones are visible but disabled (即将上线). */
export default function EntryList({ entries, onOpen }: EntryListProps) {
  return (
    <View className="entry-list" id="home-entries">
      <Cell.Group title="常用功能">
        {entries.map((entry) => {
          const ready = !!entry.url;
          return (
            <Cell
              key={entry.key}
              className={`entry-list__item ${ready ? 'entry-list__item--ready' : 'entry-list__item--soon'}`}
              // NutUI's Cell drops `id`, so the id that tests and analytics use sits on the title;
              // a tap on it bubbles to the Cell's onClick on both platforms.
              title={
                <Text className="entry-list__title" id={`entry-${entry.key}`}>
                  {entry.title}
                </Text>
              }
              description={<Text className="entry-list__desc">{entry.description}</Text>}
              extra={
                ready ? (
                  <Text className="entry-list__go">进入 ›</Text>
                ) : (
                  <Tag className="entry-list__soon" type="default" plain>
                    即将上线
                  </Tag>
                )
              }
              align="center"
              clickable={ready}
              onClick={() => onOpen(entry)}
            />
          );
        })}
      </Cell.Group>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';
import './index.scss';

export interface EmptyStateProps {
  title: string;
  description?: string;
  actionText?: string;
  onAction?: () => void;
}

/**
 * NutUI's Empty with a local picture: its default image is a JD CDN URL, which intranet
 * phones and offline tests can't load.
 */
export default function EmptyState({ title, description, actionText, onAction }: EmptyStateProps) {
  return (
    <View className="empty-state">
      <Empty
        image={
          <View className="empty-state__mark">
            <Text>阳</Text>
          </View>
        }
        title={title}
        description={description}
      />
      {actionText && onAction ? (
        <Button className="empty-state__action" type="primary" fill="outline" size="small" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}

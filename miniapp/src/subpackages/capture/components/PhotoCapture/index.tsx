import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { newClientId } from '../../../../stores/outbox';
import './index.scss';

export interface CapturedPhoto {
  /** The upload's idempotency key, fixed when the photo is taken. */
  clientId: string;
  tempPath: string;
  takenAt: string;
}

export const MAX_PHOTOS = 9;

/**
 * 现场照片: taken with the camera inside the app only (no album), so a photo is evidence of
 * this visit, not an old picture.
 */
export default function PhotoCapture({ photos, onChange }: { photos: CapturedPhoto[]; onChange(p: CapturedPhoto[]): void }) {
  const take = async () => {
    try {
      const res = await Taro.chooseMedia({
        count: Math.max(1, MAX_PHOTOS - photos.length),
        mediaType: ['image'],
        sourceType: ['camera'],
        sizeType: ['compressed'],
        camera: 'back',
      });
      const takenAt = new Date().toISOString();
      onChange(
        [...photos, ...res.tempFiles.map((f) => ({ clientId: newClientId(), tempPath: f.tempFilePath, takenAt }))].slice(0, MAX_PHOTOS),
      );
    } catch {
      // Cancelled or camera refused: nothing taken.
    }
  };
  return (
    <View className="photo-capture" id="photo-capture">
      <View className="photo-capture__grid">
        {photos.map((p, i) => (
          <View key={p.clientId} className="photo-capture__item">
            <Image className="photo-capture__img" src={p.tempPath} mode="aspectFill" />
            <Text className="photo-capture__remove" onClick={() => onChange(photos.filter((_, j) => j !== i))}>
              ×
            </Text>
          </View>
        ))}
      </View>
      {photos.length < MAX_PHOTOS ? (
        <Button id="photo-take" size="small" fill="outline" onClick={() => void take()}>
          拍摄现场照片({photos.length}/{MAX_PHOTOS})
        </Button>
      ) : null}
    </View>
  );
}

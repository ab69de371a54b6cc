import Taro from '@tarojs/taro';
import type { SecureStore } from './secureStore';

/**
 * Keeps the photos of a queued visit beyond the life of their temp files, until uploaded.
 * weapp: moved into the user data folder (temp files vanish when the app is killed). H5: the
 * bytes, encrypted, in the secure store (a `blob:` URL dies with the tab).
 */
export interface FileVault {
  /** Persist a just-taken photo; returns the reference the outbox stores. */
  keep(tempPath: string, name: string): Promise<string>;
  /** A path `uploadFile` accepts, and a release for it once the upload is over. */
  open(ref: string): Promise<{ path: string; release(): void }>;
  drop(ref: string): Promise<void>;
}

export function weappFileVault(): FileVault {
  const fs = () => Taro.getFileSystemManager();
  return {
    keep: (tempPath, name) =>
      new Promise<string>((resolve, reject) => {
        fs().saveFile({
          tempFilePath: tempPath,
          filePath: `${Taro.env.USER_DATA_PATH}/outbox-${name}.jpg`,
          success: (res) => resolve(res.savedFilePath),
          fail: (err) => reject(new Error(err.errMsg)),
        });
      }),
    open: async (ref) => ({ path: ref, release: () => undefined }),
    drop: (ref) =>
      new Promise<void>((resolve) => {
        fs().unlink({ filePath: ref, complete: () => resolve() });
      }),
  };
}

export function secureStoreFileVault(store: SecureStore): FileVault {
  return {
    async keep(tempPath, name) {
      const bytes = new Uint8Array(await (await fetch(tempPath)).arrayBuffer());
      const ref = `photo:${name}`;
      await store.setBytes(ref, bytes);
      return ref;
    },
    async open(ref) {
      const bytes = await store.getBytes(ref);
      if (!bytes) throw new Error(`photo ${ref} is missing from the vault`);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
      return { path: url, release: () => URL.revokeObjectURL(url) };
    },
    drop: (ref) => store.remove(ref),
  };
}

export function platformFileVault(store: SecureStore): FileVault {
  return process.env.TARO_ENV === 'weapp' ? weappFileVault() : secureStoreFileVault(store);
}

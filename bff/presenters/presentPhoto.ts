import type { Photo } from '@sunshine/shared';
import type { PhotoMeta } from '../models/Photo';
import type { PhotoUrlSigner } from '../photos/photoUrls';

/** A photo's metadata with a freshly signed URL; the bytes are served by the content route. */
export function presentPhoto(p: PhotoMeta, urls: PhotoUrlSigner): Photo {
  const signed = urls.sign(String(p._id));
  return {
    id: String(p._id),
    householdId: String(p.householdId),
    sha256: p.sha256,
    size: p.size,
    contentType: p.contentType,
    takenAt: p.takenAt.toISOString(),
    url: signed.url,
    urlExpiresAt: signed.expiresAt.toISOString(),
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring photo URLs. A photo is served to whoever holds a URL a scoped response
 * handed out, for a few minutes, without a bearer token, so `<Image src>` works in the mini
 * program and in H5. The signature binds the photo id and the expiry; the key is derived
 * from the server's JWT secret under its own label, so it differs from the token key.
 */
export const PHOTO_URL_TTL_SEC = 10 * 60;

export interface SignedPhotoUrl {
  url: string;
  expiresAt: Date;
}

export interface PhotoUrlSigner {
  sign(photoId: string, now?: Date): SignedPhotoUrl;
  /** 'ok', 'expired' or 'invalid' for the query of a content request. */
  verify(photoId: string, exp: unknown, sig: unknown, now?: Date): 'ok' | 'expired' | 'invalid';
}

export function createPhotoUrlSigner(secret: string, ttlSec = PHOTO_URL_TTL_SEC): PhotoUrlSigner {
  const key = createHmac('sha256', secret).update('photo-url:v1').digest();
  const mac = (photoId: string, exp: number) => createHmac('sha256', key).update(`${photoId}.${exp}`).digest();
  return {
    sign(photoId, now = new Date()) {
      // Rounded up to the minute, so a list rendered twice in a minute keeps the same URLs
      // and the image cache keeps working.
      const exp = Math.ceil((now.getTime() / 1000 + ttlSec) / 60) * 60;
      const sig = mac(photoId, exp).toString('base64url');
      return { url: `/api/v1/photos/${photoId}/content?exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000) };
    },
    verify(photoId, exp, sig, now = new Date()) {
      if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp)) return 'invalid';
      const expected = mac(photoId, Number(exp));
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return Number(exp) * 1000 < now.getTime() ? 'expired' : 'ok';
    },
  };
}

const signers = new WeakMap<object, PhotoUrlSigner>();

/** The signer for an app's configuration, built once per config object. */
export function photoUrlsFor(config: { jwtSecret: string }): PhotoUrlSigner {
  let signer = signers.get(config);
  if (!signer) {
    signer = createPhotoUrlSigner(config.jwtSecret);
    signers.set(config, signer);
  }
  return signer;
}

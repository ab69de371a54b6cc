import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Field-level encryption for C2 personal data (ID numbers, phones).
 *
 * - AES-256-GCM with a random 96-bit IV per value; the key id travels with the ciphertext so
 *   keys can be rotated without re-encrypting everything at once.
 * - A blind index (HMAC-SHA256 under a separate key) allows exact lookup ("is this ID number
 *   already filed?") without decrypting or storing the value in clear. The `kind` is part of
 *   the MAC input so an ID index can never match a phone index.
 *
 * Stored format: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(kind: 'id' | 'phone', plain: string): string;
}

export interface FieldCryptoKeys {
  keyId: string;
  /** 32 bytes. */
  dataKey: Buffer;
  /** 32 bytes, distinct from dataKey. */
  indexKey: Buffer;
}

export function createFieldCrypto(keys: FieldCryptoKeys): FieldCrypto {
  if (keys.dataKey.length !== 32 || keys.indexKey.length !== 32) {
    throw new Error('field encryption keys must be 32 bytes');
  }
  if (keys.dataKey.equals(keys.indexKey)) throw new Error('data and index keys must differ');
  if (!/^[A-Za-z0-9_-]+$/.test(keys.keyId)) throw new Error('keyId must be base64url-safe');

  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keys.dataKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', keys.keyId, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
    },
    decrypt(stored) {
      const [version, keyId, iv, ct, tag] = stored.split('.');
      if (version !== 'v1' || iv === undefined || ct === undefined || tag === undefined) {
        throw new Error('unrecognised ciphertext format');
      }
      if (keyId !== keys.keyId) throw new Error(`no key for key id ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', keys.dataKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, plain) {
      return createHmac('sha256', keys.indexKey).update(`${kind}:${plain.trim().toUpperCase()}`).digest('base64url');
    },
  };
}

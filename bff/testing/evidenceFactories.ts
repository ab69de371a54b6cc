import { randomUUID } from 'node:crypto';
import type { TestApp } from './testApp';

/**
 * Factories for visit evidence: image bytes that pass the magic-byte check, and the
 * multipart upload the mini program sends (wx.uploadFile / FormData in H5).
 */
export function buildJpeg(size = 2048, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 17) & 0xff;
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

export function buildPng(size = 1024, seed = 1): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed * 13) & 0xff;
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  return bytes;
}

export interface PhotoUploadFields {
  clientId: string;
  householdId: string;
  takenAt: string;
}

export function buildPhotoFields(householdId: string, overrides: Partial<PhotoUploadFields> = {}): PhotoUploadFields {
  return { clientId: randomUUID(), householdId, takenAt: '2026-11-28T09:25:00+08:00', ...overrides };
}

/** POSTs a multipart photo upload; `fields` values of undefined are left out. */
export async function postPhoto(
  t: Pick<TestApp, 'baseUrl'>,
  token: string | undefined,
  fields: Partial<Record<keyof PhotoUploadFields, string | undefined>>,
  bytes: Buffer | null,
  fileField = 'file',
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  if (bytes) form.append(fileField, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${t.baseUrl}/api/v1/photos`, {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

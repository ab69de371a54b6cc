import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ERROR_IDS, PHOTO_FILE_FIELD, PHOTO_MAX_BYTES } from '@sunshine/shared';
import { AppError, ValidationError } from '../src/errors';

export interface PhotoUpload {
  fields: Record<string, string>;
  bytes: Buffer;
}

const tooLarge = () => new AppError(413, ERROR_IDS.bodyTooLarge, '照片不能超过5MB', { field: PHOTO_FILE_FIELD });

/**
 * Reads a multipart/form-data photo upload into memory: a handful of short text fields and
 * one file of at most PHOTO_MAX_BYTES. Anything larger is refused while streaming, so an
 * oversized upload never sits in memory whole.
 */
export function readPhotoUpload(req: IncomingMessage): Promise<PhotoUpload> {
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(new ValidationError('file: 请以 multipart/form-data 上传照片', [PHOTO_FILE_FIELD]));
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > PHOTO_MAX_BYTES + 64 * 1024) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let sawFile = false;
    let failure: Error | null = null;
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: PHOTO_MAX_BYTES + 1, files: 1, fields: 10, fieldSize: 1024 } });
    } catch {
      reject(new ValidationError('file: 无效的上传内容', [PHOTO_FILE_FIELD]));
      return;
    }
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      if (name !== PHOTO_FILE_FIELD || sawFile) {
        stream.resume();
        return;
      }
      sawFile = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // busboy stops at one byte over the limit: a file of exactly the limit is accepted.
      stream.on('limit', () => {
        failure ??= tooLarge();
        chunks.length = 0;
        stream.resume();
      });
    });
    bb.on('error', () => {
      failure ??= new ValidationError('file: 无效的上传内容', [PHOTO_FILE_FIELD]);
      req.unpipe(bb);
      req.resume();
      reject(failure);
    });
    bb.on('close', () => {
      if (failure) return reject(failure);
      if (!sawFile) return reject(new ValidationError('file: 缺少照片文件', [PHOTO_FILE_FIELD]));
      resolve({ fields, bytes: Buffer.concat(chunks) });
    });
    req.pipe(bb);
  });
}

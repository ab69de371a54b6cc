import Router from '@koa/router';
import { z } from 'zod';
import { errorResponseSchema, idParamsSchema, photoSchema, uploadPhotoFieldsSchema } from '@sunshine/shared';
import type { AppContext, AppState } from '../../src/context';
import { defineRoute } from '../../src/http/defineRoute';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/errors';
import { uploadPhoto } from '../../commands/uploadPhoto';
import { presentPhoto } from '../../presenters/presentPhoto';
import { readPhotoUpload } from '../../photos/multipartUpload';
import { photoUrlsFor } from '../../photos/photoUrls';
import type { PhotoDataDoc, PhotoMeta } from '../../models/Photo';

const signedQuerySchema = z.object({ exp: z.string().optional(), sig: z.string().optional() });

/** Visit photos: upload (multipart), metadata with a fresh signed URL, and the signed content. */
export function photoRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();

  defineRoute(router, {
    method: 'post',
    path: '/photos',
    summary: 'Upload a visit photo (multipart/form-data: clientId, householdId, takenAt, file); idempotent on clientId',
    tags: ['photos'],
    policy: 'filesHouseholds',
    responses: {
      201: { description: '已上传', schema: photoSchema },
      200: { description: '重复上传,返回已有照片', schema: photoSchema },
      400: { description: '输入无效', schema: errorResponseSchema },
      404: { description: '未找到该户', schema: errorResponseSchema },
      413: { description: '照片超过5MB', schema: errorResponseSchema },
      422: { description: '客户端编号已用于其他照片', schema: errorResponseSchema },
    },
    async handler(ctx, { user, scope }) {
      const upload = await readPhotoUpload(ctx.req);
      const parsed = uploadPhotoFieldsSchema.safeParse(upload.fields);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ValidationError(`${issue.path.join('.')}: ${issue.message}`, [issue.path.join('.')]);
      }
      const { photo, created } = await uploadPhoto(ctx.services, user, scope, parsed.data, upload.bytes);
      ctx.status = created ? 201 : 200;
      ctx.body = presentPhoto(photo, photoUrlsFor(ctx.services.config));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/photos/{id}',
    summary: 'A photo’s metadata with a freshly signed URL, within scope',
    tags: ['photos'],
    policy: 'readsHouseholds',
    params: idParamsSchema,
    responses: {
      200: { description: '照片', schema: photoSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, scope }) {
      const photo = await ctx.services.models.Photo.findOne({ _id: params.id, ...scope.filter }).lean<PhotoMeta>();
      if (!photo) throw new NotFoundError('未找到该照片');
      ctx.body = presentPhoto(photo, photoUrlsFor(ctx.services.config));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/photos/{id}/content',
    summary: 'The image bytes, for a signed URL that has not expired (no bearer token, so <Image src> works)',
    tags: ['photos'],
    policy: 'public',
    params: idParamsSchema,
    query: signedQuerySchema,
    responses: {
      200: { description: 'JPEG 或 PNG 图片' },
      403: { description: '链接无效或已过期', schema: errorResponseSchema },
      404: { description: '未找到', schema: errorResponseSchema },
    },
    async handler(ctx, { params, query }) {
      const verdict = photoUrlsFor(ctx.services.config).verify(params.id, query.exp, query.sig);
      if (verdict === 'expired') throw new ForbiddenError('照片链接已过期,请刷新页面');
      if (verdict !== 'ok') throw new ForbiddenError('照片链接无效');
      const [photo, bytes] = await Promise.all([
        ctx.services.models.Photo.findById(params.id).lean<PhotoMeta>(),
        ctx.services.models.PhotoData.findById(params.id).lean<PhotoDataDoc>(),
      ]);
      if (!photo || !bytes) throw new NotFoundError('未找到该照片');
      const maxAge = Math.max(0, Number(query.exp) - Math.floor(Date.now() / 1000));
      ctx.set('Cache-Control', `private, max-age=${maxAge}`);
      ctx.set('ETag', `"${photo.sha256}"`);
      ctx.type = photo.contentType;
      ctx.body = toBuffer(bytes.data);
    },
  });

  return router;
}

/** lean() hands binary fields back as BSON Binary, not Buffer. */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  const bin = data as { buffer: Uint8Array };
  return Buffer.from(bin.buffer.buffer, bin.buffer.byteOffset, bin.buffer.byteLength);
}

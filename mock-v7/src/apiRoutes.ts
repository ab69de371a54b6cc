import Router from '@koa/router';
import { v7CheckRequestSchema, v7FilePushSchema, v7PreCreditPushSchema } from '@sunshine/shared';
import { beijingTimestamp, judicialFor, riskLevelFor } from './checks';
import { V7Error, isDuplicateKey, notFound } from './errors';
import { idempotent } from './idempotency';
import type { V7Models } from './models';
import { payloadHash, preCreditStatus, v7Number } from './records';
import { parseBody } from './validation';

/**
 * V7's business API, under /v7/api (signature already verified by signedRequests). Writes are
 * idempotent twice over: by Idempotency-Key, and by their business key (a file version, a BFF
 * application id) through unique inserts, so a pre-credit is applied at most once per BFF
 * application whatever the caller does.
 */
export function apiRoutes(models: V7Models, now: () => number): Router {
  const router = new Router({ prefix: '/v7/api' });
  const once = idempotent(models);

  router.post('/checks/risk-warning', async (ctx) => {
    const { idNumber } = parseBody(v7CheckRequestSchema, ctx.state.body);
    const override = await models.CheckOverride.findById(idNumber).lean();
    ctx.body = { level: riskLevelFor(idNumber, override), checkedAt: beijingTimestamp(now()) };
  });

  router.post('/checks/judicial', async (ctx) => {
    const { idNumber } = parseBody(v7CheckRequestSchema, ctx.state.body);
    const override = await models.CheckOverride.findById(idNumber).lean();
    ctx.body = { ...judicialFor(idNumber, override), checkedAt: beijingTimestamp(now()) };
  });

  router.post('/files', once, async (ctx) => {
    const file = parseBody(v7FilePushSchema, ctx.state.body);
    const hash = payloadHash(file);
    const receivedAt = new Date(now());
    const id = `${file.fileId}:${file.version}`;
    const doc = {
      _id: id,
      fileId: file.fileId,
      version: file.version,
      v7FileNo: v7Number('DA', file.fileId, receivedAt),
      payload: file,
      payloadHash: hash,
      receivedAt,
    };
    try {
      await models.FileVersion.create(doc);
      ctx.status = 201;
      ctx.body = fileAck(doc);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const prior = await models.FileVersion.findById(id).lean();
      if (!prior) throw err;
      if (prior.payloadHash !== hash) throw new V7Error(409, 'v7.file_version_conflict', '该版本档案已存在且内容不同', 'version');
      ctx.status = 200;
      ctx.body = fileAck(prior);
    }
  });

  router.get('/files/:fileId', async (ctx) => {
    const latest = await models.FileVersion.findOne({ fileId: ctx.params.fileId }).sort({ version: -1 }).lean();
    if (!latest) throw notFound('档案不存在');
    ctx.body = fileAck(latest);
  });

  router.post('/precredits', once, async (ctx) => {
    const app = parseBody(v7PreCreditPushSchema, ctx.state.body);
    const file = app.fileVersion
      ? await models.FileVersion.findById(`${app.fileId}:${app.fileVersion}`).lean()
      : await models.FileVersion.findOne({ fileId: app.fileId }).lean();
    if (!file) throw new V7Error(409, 'v7.file_not_found', '客户档案尚未同步至省联社', 'fileId');
    const hash = payloadHash(app);
    const receivedAt = new Date(now());
    try {
      const doc = await models.PreCredit.create({
        _id: app.applicationId,
        v7ApplicationNo: v7Number('YXSX', app.applicationId, receivedAt),
        fileId: app.fileId,
        limit: app.limit,
        payload: app,
        payloadHash: hash,
        receivedAt,
      });
      ctx.status = 201;
      ctx.body = { ...(await preCreditStatus(models, doc.toObject())), duplicate: false };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const prior = await models.PreCredit.findById(app.applicationId).lean();
      if (!prior) throw err;
      if (prior.payloadHash !== hash) throw new V7Error(409, 'v7.application_conflict', '该申请已受理,且内容与本次不同', 'applicationId');
      ctx.status = 200;
      ctx.body = { ...(await preCreditStatus(models, prior)), duplicate: true };
    }
  });

  router.get('/precredits/:applicationId', async (ctx) => {
    const pc = await models.PreCredit.findById(ctx.params.applicationId).lean();
    if (!pc) throw notFound('预授信申请不存在');
    ctx.body = await preCreditStatus(models, pc);
  });

  return router;
}

function fileAck(doc: { fileId: string; version: number; v7FileNo: string; receivedAt: Date }) {
  return {
    fileId: doc.fileId,
    version: doc.version,
    v7FileNo: doc.v7FileNo,
    status: 'archived' as const,
    receivedAt: beijingTimestamp(doc.receivedAt.getTime()),
  };
}

import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { z } from 'zod';
import { checkIdNumber, v7JudicialFlagsSchema, v7RiskLevelSchema, type V7WebhookEvent } from '@sunshine/shared';
import { beijingTimestamp, judicialFor, riskLevelFor } from './checks';
import { V7Error, badRequest, isDuplicateKey, notFound } from './errors';
import { faultSettingsSchema, type FaultState } from './faults';
import type { V7Models } from './models';
import { preCreditStatus, v7Number } from './records';
import { parseBody } from './validation';
import { enqueueWebhook, type WebhookTarget } from './webhooks';

/**
 * Operator console of the simulator, for tests and demos: unauthenticated, so the simulator
 * listens on 127.0.0.1 only. Fault injection and inspection of what V7 holds, result overrides
 * for the checks, and the customer-side events (签约 signing, 用信 drawdown) that V7 reports
 * back to the bank by webhook.
 */
export interface AdminDeps {
  models: V7Models;
  faults: FaultState;
  webhook: WebhookTarget;
  now: () => number;
  onWebhookEnqueued: () => void;
}

const overrideSchema = z
  .object({ riskWarning: v7RiskLevelSchema.nullable().default(null), judicial: v7JudicialFlagsSchema.nullable().default(null) })
  .strict();
const signSchema = z.object({ signedLimit: z.number().int().min(1000).optional() }).strict();
const drawdownSchema = z
  .object({ amount: z.number().positive().multipleOf(0.01), drawdownId: z.string().min(1).max(64).optional() })
  .strict();

function idNumberParam(value: string | undefined): string {
  if (!value || checkIdNumber(value) !== null) throw badRequest('身份证号码无效', 'idNumber');
  return value;
}

export function adminRoutes(deps: AdminDeps): Router {
  const { models, faults, webhook, now } = deps;
  const router = new Router({ prefix: '/admin' });

  const emit = async (event: V7WebhookEvent) => {
    await enqueueWebhook(models, webhook, event);
    deps.onWebhookEnqueued();
  };

  // Fixed for acceptance (api-contract.md): every applied pre-credit, each application once.
  router.get('/precredits', async (ctx) => {
    const rows = await models.PreCredit.find().sort({ receivedAt: 1 }).lean();
    ctx.body = rows.map((r) => ({ applicationId: r._id, limit: r.limit, receivedAt: r.receivedAt.toISOString() }));
  });

  router.get('/precredits/:applicationId', async (ctx) => {
    const pc = await models.PreCredit.findById(ctx.params.applicationId).lean();
    if (!pc) throw notFound('预授信申请不存在');
    ctx.body = { ...(await preCreditStatus(models, pc)), payload: pc.payload };
  });

  router.get('/faults', (ctx) => {
    ctx.body = faults.current;
  });

  // Fixed for acceptance: `{}` clears every fault.
  router.post('/faults', (ctx) => {
    faults.set(parseBody(faultSettingsSchema, ctx.request.body));
    ctx.body = faults.current;
  });

  router.get('/checks/:idNumber', async (ctx) => {
    const idNumber = idNumberParam(ctx.params.idNumber);
    const override = await models.CheckOverride.findById(idNumber).lean();
    ctx.body = {
      idNumber,
      overridden: override !== null,
      riskWarning: riskLevelFor(idNumber, override),
      judicial: judicialFor(idNumber, override),
    };
  });

  // Sets a person's results; a null part falls back to the derived result.
  router.put('/checks/:idNumber', async (ctx) => {
    const idNumber = idNumberParam(ctx.params.idNumber);
    const body = parseBody(overrideSchema, ctx.request.body);
    await models.CheckOverride.replaceOne({ _id: idNumber }, { ...body, updatedAt: new Date(now()) }, { upsert: true });
    const override = await models.CheckOverride.findById(idNumber).lean();
    ctx.body = { idNumber, overridden: true, riskWarning: riskLevelFor(idNumber, override), judicial: judicialFor(idNumber, override) };
  });

  router.delete('/checks/:idNumber', async (ctx) => {
    await models.CheckOverride.deleteOne({ _id: idNumberParam(ctx.params.idNumber) });
    ctx.status = 204;
  });

  // 签约: the customer signs the credit contract at the counter or in the app.
  router.post('/precredits/:applicationId/sign', async (ctx) => {
    const body = parseBody(signSchema, ctx.request.body);
    const pc = await models.PreCredit.findById(ctx.params.applicationId).lean();
    if (!pc) throw notFound('预授信申请不存在');
    const signedLimit = body.signedLimit ?? pc.limit;
    if (signedLimit > pc.limit) throw badRequest('签约额度不能超过预授信额度', 'signedLimit');
    const signedAt = new Date(now());
    const contractNo = v7Number('HT', pc._id, signedAt);
    let contract = { _id: pc._id, contractNo, signedLimit, signedAt };
    let already = false;
    try {
      await models.Contract.create(contract);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const prior = await models.Contract.findById(pc._id).lean();
      if (!prior) throw err;
      contract = prior;
      already = true;
    }
    const event: V7WebhookEvent = {
      eventId: `evt_sign_${pc._id}`,
      type: 'precredit.signed',
      occurredAt: beijingTimestamp(contract.signedAt.getTime()),
      applicationId: pc._id,
      v7ApplicationNo: pc.v7ApplicationNo,
      data: { contractNo: contract.contractNo, signedLimit: contract.signedLimit, signedAt: beijingTimestamp(contract.signedAt.getTime()) },
    };
    // Also on a repeated call, so a crash between the two inserts is repaired by retrying.
    await emit(event);
    if (already) throw new V7Error(409, 'v7.already_signed', '该申请已签约');
    ctx.status = 201;
    ctx.body = event;
  });

  // 用信: a drawdown against the signed limit.
  router.post('/precredits/:applicationId/drawdowns', async (ctx) => {
    const body = parseBody(drawdownSchema, ctx.request.body);
    const pc = await models.PreCredit.findById(ctx.params.applicationId).lean();
    if (!pc) throw notFound('预授信申请不存在');
    const status = await preCreditStatus(models, pc);
    if (status.signedLimit === null) throw new V7Error(409, 'v7.not_signed', '尚未签约,不能用信');
    if (status.usedAmount + body.amount > status.signedLimit) throw badRequest('用信金额超过可用额度', 'amount');
    const drawdownId = body.drawdownId ?? `dd_${randomUUID()}`;
    const drawnAt = new Date(now());
    const loanNo = v7Number('JJ', drawdownId, drawnAt);
    try {
      await models.Drawdown.create({ _id: drawdownId, applicationId: pc._id, loanNo, amount: body.amount, drawnAt });
    } catch (err) {
      if (isDuplicateKey(err)) throw new V7Error(409, 'v7.drawdown_exists', '该笔用信已存在', 'drawdownId');
      throw err;
    }
    const usedAmount = Math.round((status.usedAmount + body.amount) * 100) / 100;
    const event: V7WebhookEvent = {
      eventId: `evt_draw_${drawdownId}`,
      type: 'precredit.drawdown',
      occurredAt: beijingTimestamp(drawnAt.getTime()),
      applicationId: pc._id,
      v7ApplicationNo: pc.v7ApplicationNo,
      data: { drawdownId, loanNo, amount: body.amount, usedAmount, drawnAt: beijingTimestamp(drawnAt.getTime()) },
    };
    await emit(event);
    ctx.status = 201;
    ctx.body = event;
  });

  router.get('/webhooks', async (ctx) => {
    const applicationId = typeof ctx.query.applicationId === 'string' ? ctx.query.applicationId : undefined;
    const rows = await models.WebhookDelivery.find(applicationId ? { applicationId } : {})
      .sort({ createdAt: 1 })
      .lean();
    ctx.body = rows.map((d) => ({
      eventId: d._id,
      type: d.type,
      applicationId: d.applicationId,
      url: d.url,
      state: d.state,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt.toISOString() : null,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    }));
  });

  return router;
}

import { invalidatePortraits } from '../portraitCache';
import { ERROR_IDS } from '@sunshine/shared';
import type { AuthUser, Services } from '../../src/context';
import type { DataScope } from '../../policies/scope';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { ApprovalStepDoc } from '../../models/ApprovalStep';
import { AppError, ForbiddenError, NotFoundError } from '../../src/errors';
import { applicationState } from './applicationState';
import { creditScope } from './creditScope';
import { funnelOnApplication } from '../../funnel/funnelHooks';

/** A claimed step whose status was not applied after this long was left by a crash. */
const UNAPPLIED_STEP_MS = 30_000;

const stepId = (applicationId: string, level: number) => `${applicationId}:L${level}`;

/**
 * One approver's decision on an application (approve or reject, with a comment), following
 * spec §5: level 1 is the branch president of the customer's branch (the data scope makes it
 * their branch), level 2 head-office credit, after level 1 and only when the model asked for
 * two levels. The submitter never decides their own application; nobody decides twice.
 *
 * The level is decided by inserting its ApprovalStep (`<id>:L<n>`): of two concurrent
 * approvers only one insert succeeds, the other gets 409. The winner then applies the state
 * that follows from the steps, in one single-document update that on final approval also
 * writes the V7 outbox (`sync`), and releases the person's pending claim.
 */
export async function decideApplication(
  services: DecisionServices,
  user: AuthUser,
  scope: DataScope,
  applicationId: string,
  action: 'approve' | 'reject',
  comment: string,
  now: Date = new Date(),
): Promise<CreditApplicationDoc> {
  const { models } = services;
  const app = await creditScope(models, scope).applications.findById(applicationId).lean<CreditApplicationDoc>();
  if (!app) throw new NotFoundError('未找到该申请');
  if (app.submittedBy === user.id) throw new AppError(403, ERROR_IDS.creditSelfApproval, '不能审批自己提交的申请');
  const level = user.role === 'branch_president' ? 1 : user.role === 'hq_credit' ? 2 : null;
  if (level === null) throw new ForbiddenError('只有支行行长或总行授信审批可以审批');
  if (app.approvals.some((a) => a.userId === user.id)) throw new AppError(409, ERROR_IDS.creditAlreadyDecided, '您已审批过该申请');
  if (app.status === 'approved' || app.status === 'rejected') throw new AppError(409, ERROR_IDS.creditAlreadyDecided, '该申请已审批完毕');
  if (level === 2 && app.approvalLevels < 2) throw new ForbiddenError('该申请无需总行审批');
  if (level === 2 && app.status === 'pending_level1') throw new AppError(409, ERROR_IDS.creditApprovalOutOfOrder, '须先经支行行长审批');
  if (level === 1 && app.status !== 'pending_level1') throw new AppError(409, ERROR_IDS.creditAlreadyDecided, '支行审批已完成');

  const step: ApprovalStepDoc = {
    _id: stepId(applicationId, level),
    applicationId: app._id,
    level,
    decision: action,
    userId: user.id,
    userName: user.name,
    comment,
    at: now,
  };
  try {
    await models.ApprovalStep.create(step);
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    await finishCrashedStep(services, app, level, now);
    throw new AppError(409, ERROR_IDS.creditAlreadyDecided, '该级审批已由他人完成,请刷新');
  }
  const decided = await applySteps(services, app);
  funnelOnApplication(services, decided);
  await afterDecision(services, app, decided);
  return decided;
}

/** What a decision may use beyond the models: the V7 outbox worker and the portrait cache. */
export type DecisionServices = Pick<Services, 'models'> & Partial<Pick<Services, 'v7Sync' | 'redis' | 'config'>>;

/**
 * Side effects that only speed things up, never carry the truth: the outbox is already in
 * the document, so a failed notify is picked up by the sweeper, and a stale portrait expires.
 */
async function afterDecision(services: DecisionServices, before: CreditApplicationDoc, after: CreditApplicationDoc): Promise<void> {
  if (after.status === before.status) return;
  if (after.status === 'approved' && services.v7Sync) await services.v7Sync.notifyApproved(String(after._id)).catch(() => undefined);
  if (services.redis && services.config) {
    await invalidatePortraits(services.redis, services.config.redisPrefix, [String(after.householdId)]).catch(() => undefined);
  }
}

/** Writes the state that follows from the application's steps, and releases the claim when final. */
export async function applySteps(services: Pick<Services, 'models'>, app: CreditApplicationDoc): Promise<CreditApplicationDoc> {
  const { models } = services;
  const id = String(app._id);
  // Two key lookups, not one `$in`: on FerretDB 1.24 only a single-`_id` equality avoids a scan.
  const found = await Promise.all([1, 2].map((level) => models.ApprovalStep.findById(stepId(id, level)).lean<ApprovalStepDoc>()));
  const steps = found.filter((s): s is ApprovalStepDoc => s !== null);
  const state = applicationState(app, steps);
  await models.CreditApplication.updateOne(
    { _id: app._id },
    { $set: { status: state.status, approvals: state.approvals, decidedAt: state.decidedAt, ...(state.sync ? { sync: state.sync } : {}) } },
  );
  if (state.final) await models.PendingApplicationClaim.deleteOne({ _id: app.idIndex, applicationId: app._id });
  return (await models.CreditApplication.findById(app._id).lean<CreditApplicationDoc>())!;
}

/**
 * A lost race normally means the winner is applying its step right now. If the step is old
 * and the application still waits at that level, the winner crashed in between: finish it.
 */
async function finishCrashedStep(services: Pick<Services, 'models'>, app: CreditApplicationDoc, level: number, now: Date) {
  const step = await services.models.ApprovalStep.findById(stepId(String(app._id), level)).lean<ApprovalStepDoc>();
  const waiting = level === 1 ? app.status === 'pending_level1' : app.status === 'pending_level2';
  if (step && waiting && now.getTime() - step.at.getTime() > UNAPPLIED_STEP_MS) await applySteps(services, app);
}

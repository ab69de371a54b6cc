import { Types } from 'mongoose';
import type { CreditApplicationDoc } from '../models/CreditApplication';
import type { HouseholdDoc } from '../models/Household';
import { markFunnel, runFunnelHook, type FunnelDeps } from './funnelMarks';
import { applicationDrafts, evaluatedDraft, filedDraft, v7EventDrafts, visitedDraft } from './funnelSources';

/**
 * The one-line calls the business commands make when something reaches a funnel stage. Each
 * returns at once and never throws (see funnelMarks.ts); what makes which mark is in
 * funnelSources.ts. Calling one twice, or after a retry of its command, is harmless: the first
 * reach of a stage is a unique insert.
 */

/** A household file was created (saveHouseholdFile). */
export function funnelOnHouseholdFiled(deps: FunnelDeps, household: Parameters<typeof filedDraft>[0]): void {
  markFunnel(deps, filedDraft(household));
}

/** A visit was recorded (recordVisit). */
export function funnelOnVisit(deps: FunnelDeps, visit: Parameters<typeof visitedDraft>[0]): void {
  markFunnel(deps, visitedDraft(visit));
}

/** A credit evaluation was stored (runEvaluation); the household gives the village. */
export function funnelOnEvaluation(
  deps: FunnelDeps,
  evaluation: Parameters<typeof evaluatedDraft>[0],
  household: Pick<HouseholdDoc, 'villageCode'>,
): void {
  markFunnel(deps, evaluatedDraft(evaluation, household.villageCode));
}

/** An application's state was written (decideApplication): marks its final approval, if it has one. */
export function funnelOnApplication(deps: FunnelDeps, app: CreditApplicationDoc): void {
  markFunnel(deps, applicationDrafts(app));
}

/** V7 acknowledged an approved application (the V7 sync's delivery). */
export function funnelOnSynced(deps: FunnelDeps, app: CreditApplicationDoc, syncedAt: Date): void {
  const synced = { ...app, sync: { ...(app.sync ?? {}), state: 'synced', syncedAt } } as CreditApplicationDoc;
  markFunnel(
    deps,
    applicationDrafts(synced).filter((d) => d.kind === 'synced'),
  );
}

/** V7 events of one application were applied (applyV7Events): signing, first drawdown, drawdown money. */
export function funnelOnV7Events(deps: FunnelDeps, applicationId: string, events: Array<{ _id: string; payload: unknown }>): void {
  if (!events.length || !Types.ObjectId.isValid(applicationId)) return;
  runFunnelHook(deps, 'v7 events', async () => {
    const app = await deps.models.CreditApplication.findById(applicationId).lean<CreditApplicationDoc>();
    if (app) markFunnel(deps, v7EventDrafts(app, events));
  });
}

import { isDeepStrictEqual } from 'node:util';
import type { DataScope } from '../../policies/scope';
import type { Services } from '../../src/context';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import { NotFoundError } from '../../src/errors';
import { evaluateWithModel, getModel, type CreditDecision } from '../../credit';
import { creditScope } from './creditScope';

/**
 * Re-runs a stored evaluation: its stored facts through the model version it names (not the
 * current one), and says whether the result is the stored decision. For head office, to
 * explain a decision later and to show a model change did not rewrite history.
 */
export async function replayEvaluation(services: Pick<Services, 'models'>, scope: DataScope, evaluationId: string) {
  const ev = await creditScope(services.models, scope).evaluations.findById(evaluationId).lean<CreditEvaluationDoc>();
  if (!ev) throw new NotFoundError('未找到该测算结果');
  const stored = ev.decision as CreditDecision<string>;
  const replayed = evaluateWithModel(ev.facts, getModel(ev.modelVersion));
  // Through JSON, as the stored copy went: the comparison is of values, not of object identity.
  const identical = isDeepStrictEqual(JSON.parse(JSON.stringify(replayed)), JSON.parse(JSON.stringify(stored)));
  return {
    evaluationId: String(ev._id),
    modelVersion: ev.modelVersion,
    facts: ev.facts as Record<string, unknown>,
    stored,
    replayed,
    identical,
  };
}

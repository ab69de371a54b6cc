import { ScopedCollection, type DataScope } from '../../policies/scope';
import type { Models } from '../../models';
import type { CreditEvaluationDoc } from '../../models/CreditEvaluation';
import type { CreditApplicationDoc } from '../../models/CreditApplication';
import type { CreditReviewRequestDoc } from '../../models/CreditReviewRequest';

/**
 * The caller's data scope over the credit collections. Evaluations, applications and review
 * requests carry the household's branchId and managerId, so the same scope filter applies:
 * a manager sees their customers', a branch president the branch's, head office everything.
 */
export function creditScope(models: Pick<Models, 'CreditEvaluation' | 'CreditApplication' | 'CreditReviewRequest'>, scope: DataScope) {
  return {
    evaluations: new ScopedCollection<CreditEvaluationDoc>(models.CreditEvaluation as never, scope.filter),
    applications: new ScopedCollection<CreditApplicationDoc>(models.CreditApplication as never, scope.filter),
    reviews: new ScopedCollection<CreditReviewRequestDoc>(models.CreditReviewRequest as never, scope.filter),
  };
}

import Router from '@koa/router';
import type { AppContext, AppState } from '../../src/context';
import { defineEvaluationRoutes } from './evaluations';
import { defineApplicationRoutes } from './applications';
import { defineApprovalRoutes } from './approvals';
import { defineReviewRequestRoutes } from './reviewRequests';

/** The credit flow: evaluation → application → level 1 / level 2 approval, replay, human review. */
export function creditFlowRoutes(): Router<AppState, AppContext> {
  const router = new Router<AppState, AppContext>();
  defineEvaluationRoutes(router);
  defineApplicationRoutes(router);
  defineApprovalRoutes(router);
  defineReviewRequestRoutes(router);
  return router;
}

import type Router from '@koa/router';
import type { AppContext, AppState } from '../src/context';
import { authRoutes } from './auth/auth';
import { meRoutes } from './me/me';
import { householdRoutes } from './households/households';
import { visitRoutes } from './visits/visits';
import { photoRoutes } from './photos/photos';
import { visitConfirmationRoutes } from './visitConfirmations/visitConfirmations';
import { statsRoutes } from './stats/stats';
import { customerAuthRoutes } from './customer/customerAuth';
import { customerPortalRoutes } from './customer/customerPortal';
import { shareCardRoutes } from './shareCards/shareCards';
import { appointmentRoutes } from './appointments/appointments';
import { portraitRoutes } from './portrait/portrait';
import { transferRoutes } from './transfers/transfers';
import { v7WebhookRoutes } from './v7Webhooks/v7Webhooks';
import { v7SyncRoutes } from './v7Sync/v7Sync';
import { creditFlowRoutes } from './credit';
import { reportRoutes } from './reports/funnel';

/** Every API router mounted under /api/v1, in one list so createApp stays small. */
export function apiRouters(): Router<AppState, AppContext>[] {
  return [
    authRoutes(),
    meRoutes(),
    householdRoutes(),
    visitRoutes(),
    photoRoutes(),
    visitConfirmationRoutes(),
    statsRoutes(),
    customerAuthRoutes(),
    customerPortalRoutes(),
    shareCardRoutes(),
    appointmentRoutes(),
    portraitRoutes(),
    transferRoutes(),
    v7WebhookRoutes(),
    v7SyncRoutes(),
    creditFlowRoutes(),
    reportRoutes(),
  ];
}

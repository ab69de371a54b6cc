import type Router from '@koa/router';
import type { AppContext, AppState } from '../src/context';
import { authRoutes } from './auth/auth';
import { meRoutes } from './me/me';
import { householdRoutes } from './households/households';
import { visitRoutes } from './visits/visits';
import { photoRoutes } from './photos/photos';
import { visitConfirmationRoutes } from './visitConfirmations/visitConfirmations';
import { statsRoutes } from './stats/stats';
// <anchor:route-imports-evidence>
import { customerAuthRoutes } from './customer/customerAuth';
import { customerPortalRoutes } from './customer/customerPortal';
import { shareCardRoutes } from './shareCards/shareCards';
import { appointmentRoutes } from './appointments/appointments';
// <anchor:route-imports-customer>
import { portraitRoutes } from './portrait/portrait';
import { transferRoutes } from './transfers/transfers';
// <anchor:route-imports-portrait>
import { v7WebhookRoutes } from './v7Webhooks/v7Webhooks';
import { v7SyncRoutes } from './v7Sync/v7Sync';
// <anchor:route-imports-credit>
import { creditFlowRoutes } from './credit';
// <anchor:route-imports-flow>

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
    // <anchor:routers-evidence>
    customerAuthRoutes(),
    customerPortalRoutes(),
    shareCardRoutes(),
    appointmentRoutes(),
    // <anchor:routers-customer>
    portraitRoutes(),
    transferRoutes(),
    // <anchor:routers-portrait>
    v7WebhookRoutes(),
    v7SyncRoutes(),
    // <anchor:routers-credit>
    creditFlowRoutes(),
    // <anchor:routers-flow>
  ];
}

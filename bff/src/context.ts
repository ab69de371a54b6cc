import type { DefaultContext, DefaultState, ParameterizedContext } from 'koa';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Role, ScopeLevel } from '@sunshine/shared';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import type { Models } from '../models';
import type { FieldCrypto } from '../security/fieldCrypto';
import type { SessionStore } from '../auth/sessionStore';
import type { TokenService } from '../auth/tokenService';
import type { WechatClient } from '../clients/wechatClient';
import type { DataScope } from '../policies/scope';
import type { RegionDirectory } from './regionDirectory';

/** The authenticated caller, as the access token and its live session describe it. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  branchId: string | null;
  name: string;
  sessionId: string;
  scope: ScopeLevel;
}

/** Everything a request may use, built once by createApp. */
export interface Services {
  config: AppConfig;
  logger: Logger;
  conn: Connection;
  models: Models;
  redis: Redis;
  crypto: FieldCrypto;
  sessions: SessionStore;
  tokens: TokenService;
  wechat: WechatClient;
  regions: RegionDirectory;
  /** Run on shutdown (main.ts, test apps), newest first: queues, workers, clients. */
  closers: Array<() => Promise<void>>;
  /** SMS sign-in and appointment reminders of the customer portal (bff/appointments). */
  customerPortal: import('../appointments/customerPortal').CustomerPortal;
  /** Delivery of approved applications to V7 (outbox worker, sweeper, dead letters): bff/jobs/v7Sync. */
  v7Sync: import('../jobs/v7Sync/v7Sync').V7Sync;
  /** V7 real-time checks for credit facts, cached in Redis (bff/creditFacts). */
  creditChecks: import('../creditFacts/v7Checks').CachedV7Checks;
}

export interface AppState extends DefaultState {
  requestId: string;
  user?: AuthUser;
  scope?: DataScope;
}

export interface AppContext extends DefaultContext {
  services: Services;
  log: Logger;
}

export type Ctx = ParameterizedContext<AppState, AppContext>;

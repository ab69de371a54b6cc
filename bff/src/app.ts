import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import serve from 'koa-static';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { AppConfig } from './config';
import type { AppContext, AppState, Services } from './context';
import type { Logger } from './logger';
import { createModels } from '../models';
import { createFieldCrypto } from '../security/fieldCrypto';
import { SessionStore } from '../auth/sessionStore';
import { TokenService } from '../auth/tokenService';
import { createWechatClient, type WechatClient } from '../clients/wechatClient';
import { RegionDirectory } from './regionDirectory';
import { requestId } from './middleware/requestId';
import { errorHandler } from './middleware/errorHandler';
import { securityHeaders } from './middleware/securityHeaders';
import { systemRoutes } from '../routes/system/system';
import { apiRouters } from '../routes';
import { createCustomerPortal } from '../appointments/customerPortal';
import { createV7Sync } from '../jobs/v7Sync/v7Sync';
import { createCreditChecks } from '../creditFacts/creditChecks';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  conn: Connection;
  redis: Redis;
  /** Override for tests that need a different WeChat API; defaults to config.wechat. */
  wechat?: WechatClient;
}

/**
 * Builds the Koa application. It never listens: main.ts does, and tests mount it on port 0.
 */
export function createApp(deps: AppDeps): Koa<AppState, AppContext> {
  const { config, logger, conn, redis } = deps;
  const models = createModels(conn);
  const services: Services = {
    config,
    logger,
    conn,
    models,
    redis,
    crypto: createFieldCrypto(config.dataKeys),
    sessions: new SessionStore(redis, config.redisPrefix, config.sessionIdleSec, config.sessionMaxLifetimeSec),
    tokens: new TokenService(config.jwtSecret, config.accessTokenTtlSec),
    wechat: deps.wechat ?? createWechatClient(config.wechat),
    regions: new RegionDirectory(models),
    closers: [],
    customerPortal: createCustomerPortal({ config, redis }, () => services),
    v7Sync: createV7Sync({ config, redis }, () => services),
    creditChecks: createCreditChecks(config, redis),
  };

  const app = new Koa<AppState, AppContext>({ proxy: config.env === 'production' });
  app.context.services = services;
  app.silent = true; // errors are logged by errorHandler, with the request id

  app.use(requestId());
  app.use(errorHandler());
  app.use(
    securityHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
        },
      },
    }),
  );
  // CORS only for the H5 origin; the mini program does not use CORS.
  app.use(cors({ origin: (ctx) => (ctx.get('Origin') === config.h5Origin ? config.h5Origin : ''), credentials: false }));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: config.bodyLimit, encoding: 'utf-8' }));

  const api = new Router<AppState, AppContext>({ prefix: '/api/v1' });
  for (const r of apiRouters()) api.use(r.routes(), r.allowedMethods());
  const system = systemRoutes();
  app.use(system.routes());
  app.use(api.routes());
  app.use(api.allowedMethods());

  // Demo mode serves the H5 build of the mini program from the same origin.
  if (config.h5Dist) {
    app.use(serve(config.h5Dist, { index: 'index.html', maxage: 0 }));
  }
  return app;
}

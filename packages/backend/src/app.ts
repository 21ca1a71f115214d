import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './db/migrate.js';
import { ipWriteLimit, sessionWriteLimit, streamsPerIpCap } from './http/abuse-limits.js';
import { clientAddressOf } from './http/client-address.js';
import { apiNotFound, errorHandler, requireJsonBody } from './http/errors.js';
import { requestLogging, streamLogging } from './http/request-logging.js';
import { rememberRoutePatterns, requestMetrics, streamMetrics } from './http/request-metrics.js';
import { crossOrigin, securityHeaders, streamSecurityHeaders } from './http/security.js';
import type { Clock } from './lib/clock.js';
import { createAvailabilityHub } from './modules/availability/availability.hub.js';
import { availabilityStreams } from './modules/availability/availability.routes.js';
import {
  readAvailability,
  type AvailabilityDeps,
} from './modules/availability/availability.service.js';
import { createBookingsRepo } from './modules/bookings/bookings.repo.js';
import { bookingsRouter } from './modules/bookings/bookings.routes.js';
import type { BookingsDeps } from './modules/bookings/bookings.service.js';
import {
  simulatedPaymentGateway,
  type PaymentGateway,
} from './modules/bookings/payment-gateway.js';
import { createConcertsRepo } from './modules/concerts/concerts.repo.js';
import { concertsRouter } from './modules/concerts/concerts.routes.js';
import type { ConcertsDeps } from './modules/concerts/concerts.service.js';
import { createHoldsRepo } from './modules/holds/holds.repo.js';
import { healthRouter } from './modules/health/health.routes.js';
import { holdsRouter } from './modules/holds/holds.routes.js';
import { createIdempotencyRepo } from './modules/idempotency/idempotency.repo.js';
import { createOrganizerRepo } from './modules/organizer/organizer.repo.js';
import { organizerRouter } from './modules/organizer/organizer.routes.js';
import type { OrganizerDeps } from './modules/organizer/organizer.service.js';
import { sessionMiddleware } from './modules/sessions/session.middleware.js';
import { createSessionTokens } from './modules/sessions/session-tokens.js';
import { createSessionsRepo } from './modules/sessions/sessions.repo.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, metricsEndpoint, type Metrics } from './observability/metrics.js';
import { openapiRouter } from './openapi/openapi.routes.js';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  payments?: PaymentGateway;
  /** The built web app to serve beside the API, if there is one. */
  frontendDir?: string;
  /** Defaults to JSON lines on stdout at the configured level. */
  logger?: Logger;
  /** Defaults to a registry of the app's own. */
  metrics?: Metrics;
}

export type Services = BookingsDeps &
  AvailabilityDeps &
  OrganizerDeps &
  ConcertsDeps & { metrics: Metrics; logger: Logger };

/** Everything the services need, wired once over one database. */
export function createServices(deps: AppDeps): Services {
  const { sqlite } = deps.db;
  const concerts = createConcertsRepo(sqlite);
  const hub = createAvailabilityHub({
    snapshot: (concertId) => readAvailability({ clock: deps.clock, concerts }, concertId),
    dataVersion: () => deps.db.dataVersion(),
    ...deps.config.sse,
  });
  const metrics = deps.metrics ?? createMetrics();
  metrics.countWatchersWith(() => hub.watcherCount());
  return {
    db: deps.db,
    clock: deps.clock,
    policy: deps.config.holdPolicy,
    concerts,
    holds: createHoldsRepo(sqlite),
    sessions: createSessionsRepo(sqlite),
    bookings: createBookingsRepo(sqlite),
    idempotency: createIdempotencyRepo(sqlite),
    organizer: createOrganizerRepo(sqlite, concerts),
    payments: deps.payments ?? simulatedPaymentGateway,
    limits: { maxTicketsPerOrder: deps.config.maxTicketsPerOrder },
    hub,
    changes: hub,
    metrics,
    logger: deps.logger ?? createLogger(deps.config.logLevel),
  };
}

/** The Express app for everything but the streams (see `createRequestListener`). */
export function createApp(deps: AppDeps, services: Services = createServices(deps)): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every answer is live data; hashing each body for an ETag would only cost time.
  app.set('etag', false);
  app.set('trust proxy', deps.config.http.trustProxy);
  const { abuseLimits } = deps.config;
  // First, so every response has them: errors and the web app's files too.
  app.use(securityHeaders(), crossOrigin(deps.config.http.corsOrigins));

  rememberRoutePatterns(app);
  app.use(requestLogging(services.logger), requestMetrics(services.metrics));
  // Operators only: keep it off the public internet (see README).
  app.get('/metrics', metricsEndpoint(services.metrics));
  // Probes, before sessions: they never get a cookie.
  app.use(
    '/api',
    healthRouter({
      schemaVersion: () => schemaVersion(deps.db.sqlite),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
    }),
  );
  // The API's documentation, before sessions too: reading it never starts one.
  app.use('/api', openapiRouter({ maxTicketsPerOrder: deps.config.maxTicketsPerOrder }));

  // One count per address, whichever API its writes go to.
  const ipLimit = ipWriteLimit(abuseLimits.ipWritesPerMinute);
  app.use(
    '/api',
    organizerRouter(services, { token: deps.config.adminToken, writeLimit: ipLimit }),
  );

  const tokens = createSessionTokens(services.sessions.signingSecret());
  app.use(
    '/api',
    ipLimit,
    sessionMiddleware(tokens, { secure: deps.config.http.cookieSecure }),
    sessionWriteLimit(abuseLimits.sessionWritesPerMinute),
    requireJsonBody,
    express.json({ limit: '16kb', strict: true }),
  );
  app.use('/api/concerts', concertsRouter(services));
  app.use('/api/holds', holdsRouter(services, services.limits));
  app.use('/api/bookings', bookingsRouter(services));
  app.use('/api', apiNotFound);

  const indexHtml = deps.frontendDir && path.join(deps.frontendDir, 'index.html');
  if (deps.frontendDir && indexHtml && fs.existsSync(indexHtml)) {
    app.use(express.static(deps.frontendDir, { index: false }));
    // Client-side routes: any other page is the app's shell.
    app.get('/{*page}', (_req, res) => {
      res.sendFile(indexHtml);
    });
  }

  app.use(errorHandler);
  return app;
}

/**
 * What the HTTP server runs for each request: availability streams are answered straight from
 * the hub, since each stays open as long as its page does; every other request goes to the app.
 */
export function createRequestListener(
  deps: AppDeps,
  services: Services = createServices(deps),
): http.RequestListener {
  const app = createApp(deps, services);
  const { abuseLimits, http: httpConfig } = deps.config;
  const streams = availabilityStreams(services, [
    streamLogging(services.logger),
    streamMetrics(services.metrics),
    streamSecurityHeaders(),
    ...crossOrigin(httpConfig.corsOrigins),
    ...streamsPerIpCap(abuseLimits.streamsPerIp, clientAddressOf(httpConfig.trustProxy)),
  ]);
  return (req, res) => {
    if (!streams(req, res)) app(req, res);
  };
}

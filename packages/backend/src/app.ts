import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from './config/config.js';
import type { Store } from './db/store.js';
import { ipWriteLimit, sessionWriteLimit, streamsPerIpCap } from './http/abuse-limits.js';
import { clientAddressOf } from './http/client-address.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { jsonBody } from './http/json.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import type { NodeMiddleware } from './http/node-middleware.js';
import { requestLogging, streamLogging } from './http/request-logging.js';
import { rememberRoutePatterns, requestMetrics, routeMetrics } from './http/request-metrics.js';
import { crossOrigin, securityHeaders, streamSecurityHeaders } from './http/security.js';
import type { Clock } from './lib/clock.js';
import { createAvailabilityHub } from './modules/availability/availability.hub.js';
import {
  AVAILABILITY_STREAM_ROUTE,
  availabilityStreams,
} from './modules/availability/availability.routes.js';
import {
  readAvailability,
  type AvailabilityDeps,
} from './modules/availability/availability.service.js';
import { bookingsRouter } from './modules/bookings/bookings.routes.js';
import type { BookingsDeps } from './modules/bookings/bookings.service.js';
import {
  simulatedPaymentGateway,
  type PaymentGateway,
} from './modules/bookings/payment-gateway.js';
import { concertsRouter } from './modules/concerts/concerts.routes.js';
import type { ConcertsDeps } from './modules/concerts/concerts.service.js';
import { healthRouter } from './modules/health/health.routes.js';
import { CHECKOUT_ROUTE, checkoutRoute, holdsRouter } from './modules/holds/holds.routes.js';
import { createSweepSchedule } from './modules/holds/index.js';
import { organizerRouter } from './modules/organizer/organizer.routes.js';
import type { OrganizerDeps } from './modules/organizer/organizer.service.js';
import { sessionMiddleware } from './modules/sessions/session.middleware.js';
import { createSessionTokens } from './modules/sessions/session-tokens.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, metricsEndpoint, type Metrics } from './observability/metrics.js';
import { openapiRouter } from './openapi/openapi.routes.js';
import { knownRoutes } from './openapi/operations.js';

export interface AppDeps {
  config: Config;
  /** Migrated already. */
  store: Store;
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

/** Everything the services need, wired once over one store. */
export function createServices(deps: AppDeps): Services {
  const { store, clock } = deps;
  const hub = createAvailabilityHub({
    snapshot: (concertId) => readAvailability({ clock, store }, concertId),
    changeFeed: store.changes,
    ...deps.config.sse,
  });
  const metrics = deps.metrics ?? createMetrics();
  metrics.countWatchersWith(() => hub.watcherCount());
  return {
    store,
    clock,
    policy: deps.config.holdPolicy,
    sweeps: createSweepSchedule(),
    payments: deps.payments ?? simulatedPaymentGateway,
    limits: { maxTicketsPerOrder: deps.config.maxTicketsPerOrder },
    hub,
    changes: hub,
    metrics,
    logger: deps.logger ?? createLogger(deps.config.logLevel),
  };
}

/**
 * The middleware Express and the routes answered before it share, as single instances: one
 * count per limit whichever of them a write goes to.
 */
export interface HttpMiddleware {
  /** The client's address, as Express's `req.ip` under the configured `trust proxy`. */
  addressOf: (req: http.IncomingMessage) => string;
  /** First, on every response: security headers, then CORS. */
  headers: NodeMiddleware[];
  /** A request id and one log line per response. */
  logging: NodeMiddleware;
  /** Writes per client address, across the shoppers' and the organizer's APIs. */
  ipLimit: NodeMiddleware[];
  /** The shoppers' API, after `ipLimit`: the session, writes per session, the JSON body. */
  shopper: NodeMiddleware[];
}

export function createHttpMiddleware(deps: AppDeps, services: Services): HttpMiddleware {
  const { abuseLimits, http: httpConfig } = deps.config;
  const tokens = createSessionTokens(deps.store.signingSecret());
  const addressOf = clientAddressOf(httpConfig.trustProxy, () => {
    services.logger.warn(
      'A request came with X-Forwarded-For while TRUST_PROXY is off: if the server is behind a proxy, every client has its address and shares its limits (see docs/operations.md)',
    );
  });
  if (httpConfig.trustProxy === true) {
    services.logger.warn(
      'TRUST_PROXY=true believes any X-Forwarded-For: a client can name an address of its choosing and dodge the per-address limits (see docs/operations.md)',
    );
  }
  return {
    addressOf,
    headers: [securityHeaders(), ...crossOrigin(httpConfig.corsOrigins)],
    logging: requestLogging(services.logger),
    ipLimit: ipWriteLimit(abuseLimits.ipWritesPerMinute, addressOf),
    shopper: [
      sessionMiddleware(tokens, { secure: httpConfig.cookieSecure }),
      ...sessionWriteLimit(abuseLimits.sessionWritesPerMinute),
      ...jsonBody(),
    ],
  };
}

/** The Express app for everything but the routes answered before it (`createRequestListener`). */
export function createApp(
  deps: AppDeps,
  services: Services = createServices(deps),
  middleware: HttpMiddleware = createHttpMiddleware(deps, services),
): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every answer is live data; hashing each body for an ETag would only cost time.
  app.set('etag', false);
  app.set('trust proxy', deps.config.http.trustProxy);
  // First, so every response has them: errors and the web app's files too.
  app.use(...middleware.headers);

  rememberRoutePatterns(app);
  app.use(middleware.logging, requestMetrics(services.metrics));
  // Before the routes, sessions and limits: a method a path does not take does nothing. The
  // routes answered before Express pass the methods they do not take on to here.
  app.use(methodNotAllowed(knownRoutes({ organizerApi: deps.config.adminToken !== undefined })));
  // Operators only: keep it off the public internet (see docs/operations.md).
  app.get('/metrics', metricsEndpoint(services.metrics));
  // Probes, before sessions: they never get a cookie.
  app.use(
    '/api',
    healthRouter({
      schemaVersion: () => deps.store.schemaVersion(),
      latestSchemaVersion: deps.store.latestSchemaVersion,
    }),
  );
  // The API's documentation, before sessions too: reading it never starts one.
  app.use('/api', openapiRouter({ maxTicketsPerOrder: deps.config.maxTicketsPerOrder }));
  app.use(
    '/api',
    organizerRouter(services, { token: deps.config.adminToken, writeLimit: middleware.ipLimit }),
  );

  app.use('/api', ...middleware.ipLimit, ...middleware.shopper);
  app.use('/api/concerts', concertsRouter(services));
  app.use('/api/holds', holdsRouter(services));
  app.use('/api/bookings', bookingsRouter(services));
  app.use('/api', apiNotFound);

  const indexHtml = deps.frontendDir && path.join(deps.frontendDir, 'index.html');
  if (deps.frontendDir && indexHtml && fs.existsSync(indexHtml)) {
    app.use(express.static(deps.frontendDir, { index: false }));
    // Client-side routes: any other page is the app's shell. A path that names a file
    // (`/favicon.ico`, an asset of an older build) is not a page: if it is not there, it is a
    // 404, as the shell in its place would be read as that file.
    app.get('/{*page}', (req, res, next) => {
      if (path.posix.extname(req.path) !== '') {
        apiNotFound(req, res, next);
        return;
      }
      res.sendFile(indexHtml);
    });
  }

  app.use(errorHandler);
  return app;
}

/**
 * What the HTTP server runs for each request. Two routes are answered before Express: the
 * availability streams, straight from the hub, since each stays open as long as its page does;
 * and the checkout, the request a ticket drop is made of, through the same middleware as in
 * Express. Every other request goes to the app.
 */
export function createRequestListener(
  deps: AppDeps,
  services: Services = createServices(deps),
): http.RequestListener {
  const middleware = createHttpMiddleware(deps, services);
  const app = createApp(deps, services, middleware);
  const { abuseLimits, http: httpConfig } = deps.config;
  const routes = [
    availabilityStreams(services, [
      streamLogging(services.logger),
      routeMetrics(services.metrics, AVAILABILITY_STREAM_ROUTE),
      streamSecurityHeaders(),
      ...crossOrigin(httpConfig.corsOrigins),
      ...streamsPerIpCap(abuseLimits.streamsPerIp, middleware.addressOf),
    ]),
    checkoutRoute(services, services.limits, [
      ...middleware.headers,
      middleware.logging,
      routeMetrics(services.metrics, CHECKOUT_ROUTE),
      ...middleware.ipLimit,
      ...middleware.shopper,
    ]),
  ];
  return (req, res) => {
    if (!routes.some((route) => route(req, res))) app(req, res);
  };
}

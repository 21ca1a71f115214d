import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from './config/config.js';
import type { Store } from './db/store.js';
import {
  ipWriteLimit,
  sessionWriteLimit,
  streamsPerIpCap,
  type LimitsDeps,
  type SharedCounts,
} from './http/abuse-limits.js';
import { clientAddressOf, clientAddressRecorded } from './http/client-address.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { jsonBody, ORGANIZER_BODY_LIMIT } from './http/json.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import type { NodeMiddleware } from './http/node-middleware.js';
import { requireBearerToken } from './http/organizer-auth.js';
import { requestLogging, streamLogging } from './http/request-logging.js';
import { requestMetrics } from './http/request-metrics.js';
import { fastRoute, mountRoute, type ApiRoute, type PipelineName } from './http/route-registry.js';
import { crossOrigin, securityHeaders, streamSecurityHeaders } from './http/security.js';
import type { Clock } from './lib/clock.js';
import { createAvailabilityHub } from './modules/availability/availability.hub.js';
import { availabilityRoutes } from './modules/availability/availability.routes.js';
import {
  readAvailability,
  type AvailabilityDeps,
} from './modules/availability/availability.service.js';
import { bookingsRoutes } from './modules/bookings/bookings.routes.js';
import {
  simulatedPaymentGateway,
  type PaymentGateway,
} from './modules/bookings/payment-gateway.js';
import { concertsRoutes } from './modules/concerts/concerts.routes.js';
import type { ConcertsDeps } from './modules/concerts/concerts.service.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { holdsRoutes } from './modules/holds/holds.routes.js';
import { createSweepSchedule } from './modules/holds/index.js';
import { createSeatLayouts, readSeatStates } from './modules/seating/seating.service.js';
import { seatingRoutes } from './modules/seating/seating.routes.js';
import { devMailRoutes } from './modules/mail/dev-mail.routes.js';
import { organizerRoutes } from './modules/organizer/organizer.routes.js';
import type { OrganizerDeps } from './modules/organizer/organizer.service.js';
import { sessionMiddleware } from './modules/sessions/session.middleware.js';
import { createSessionTokens } from './modules/sessions/session-tokens.js';
import { createWaitingRoomPasses } from './modules/waiting-room/passes.js';
import { createBookingLinks } from './modules/bookings/booking-links.js';
import type { BookingAccessDeps } from './modules/bookings/booking-access.service.js';
import { bookingAccessRoutes } from './modules/bookings/booking-access.routes.js';
import type { LetterContext } from './modules/mail/letters.js';
import { createTicketCodes } from './modules/tickets/ticket-codes.js';
import { ticketsRoutes } from './modules/tickets/tickets.routes.js';
import type { TicketsDeps } from './modules/tickets/tickets.service.js';
import { waitingListRoutes } from './modules/waiting-list/waiting-list.routes.js';
import { waitingRoomRoutes } from './modules/waiting-room/waiting-room.routes.js';
import type { WaitingRoomDeps } from './modules/waiting-room/waiting-room.service.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createMetrics, metricsRoutes, type Metrics } from './observability/metrics.js';
import { openapiRoutes } from './openapi/openapi.routes.js';
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
  /** Where the limits count, shared by every instance; without it, each process counts alone. */
  sharedCounts?: SharedCounts;
}

export type Services = BookingAccessDeps &
  AvailabilityDeps &
  OrganizerDeps &
  ConcertsDeps &
  WaitingRoomDeps &
  TicketsDeps &
  LetterContext & { metrics: Metrics; logger: Logger };

/** Everything the services need, wired once over one store. */
export function createServices(deps: AppDeps): Services {
  const { store, clock } = deps;
  const seatLayouts = createSeatLayouts();
  const hub = createAvailabilityHub({
    snapshot: (concertId) => readAvailability({ clock, store }, concertId),
    seats: (concertId) => readSeatStates({ clock, store, seatLayouts }, concertId),
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
    ticketsHeldPerAddress: deps.config.abuseLimits.ticketsHeldPerAddress,
    ticketsHeldPerSharedAddress: deps.config.abuseLimits.ticketsHeldPerSharedAddress,
    hardCapCooldownMs: deps.config.abuseLimits.hardCapCooldownMs,
    passes: createWaitingRoomPasses(store.signingSecret()),
    seatLayouts,
    ticketCodes: createTicketCodes(store.signingSecret()),
    bookingLinks: createBookingLinks(store.signingSecret()),
    draw: () => randomInt(2 ** 48 - 1),
    payments: deps.payments ?? simulatedPaymentGateway,
    publicUrl: deps.config.http.publicUrl,
    limits: { maxTicketsPerOrder: deps.config.maxTicketsPerOrder },
    hub,
    changes: hub,
    metrics,
    logger: deps.logger ?? createLogger(deps.config.logLevel),
  };
}

/** The route registry: every route the server answers, in Express or before it. */
export function apiRoutes(deps: AppDeps, services: Services): ApiRoute[] {
  return [
    ...metricsRoutes(services.metrics),
    ...healthRoutes({
      schemaVersion: () => deps.store.schemaVersion(),
      latestSchemaVersion: deps.store.latestSchemaVersion,
    }),
    ...openapiRoutes(services.limits),
    ...organizerRoutes(services),
    ...concertsRoutes(services),
    ...seatingRoutes(services),
    ...availabilityRoutes(services),
    ...holdsRoutes(services, services.limits),
    ...bookingsRoutes(services),
    ...bookingAccessRoutes(services, {
      shared: deps.sharedCounts,
      metrics: services.metrics,
      logger: services.logger,
    }),
    ...waitingRoomRoutes(services),
    ...waitingListRoutes(services, services.limits),
    ...ticketsRoutes(services),
    ...devMailRoutes({ ...services, config: deps.config }),
  ];
}

/**
 * The middleware of every route, as single instances shared by Express and the routes answered
 * before it: one count per limit whichever of them a write goes to.
 */
export interface HttpPipelines {
  /**
   * Every request's but a stream's, first: security headers, CORS, the request id and log line,
   * the latency metrics. Express runs it for whatever it answers: 405s, 404s, files.
   */
  common: NodeMiddleware[];
  /** Each route's, after `common`; a stream's instead of it. */
  byRoute: Record<PipelineName, NodeMiddleware[]>;
}

export function createHttpPipelines(deps: AppDeps, services: Services): HttpPipelines {
  const { abuseLimits, adminToken, doorToken, http: httpConfig } = deps.config;
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
  if (deps.config.databaseUrl !== undefined && deps.sharedCounts === undefined) {
    services.logger.warn(
      'DATABASE_URL without REDIS_URL: the limits are counted in each instance on its own, so a client spread over N instances gets N times them (see docs/operations.md)',
    );
  }
  const limits: LimitsDeps = {
    shared: deps.sharedCounts,
    metrics: services.metrics,
    logger: services.logger,
  };
  const cors = crossOrigin(httpConfig.corsOrigins);
  const metrics = requestMetrics(services.metrics);
  // Writes per client address, across the shoppers' and the organizer's APIs.
  const ipLimit = ipWriteLimit(limits, abuseLimits.ipWritesPerMinute, addressOf);
  return {
    common: [securityHeaders(), ...cors, requestLogging(services.logger), metrics],
    byRoute: {
      open: [],
      stream: [
        streamLogging(services.logger),
        metrics,
        streamSecurityHeaders(),
        ...cors,
        ...streamsPerIpCap(limits, abuseLimits.streamsPerIp, addressOf),
      ],
      shopper: [
        ...ipLimit,
        clientAddressRecorded(addressOf, abuseLimits.sharedAddresses),
        sessionMiddleware(tokens, { secure: httpConfig.cookieSecure }),
        ...sessionWriteLimit(limits, abuseLimits.sessionWritesPerMinute),
        ...jsonBody(),
      ],
      organizer:
        adminToken === undefined
          ? []
          : [
              ...ipLimit,
              requireBearerToken([adminToken], 'organizer'),
              ...jsonBody(ORGANIZER_BODY_LIMIT),
            ],
      door: [
        ...ipLimit,
        requireBearerToken(
          [adminToken, doorToken].filter((token) => token !== undefined),
          'door',
        ),
        ...jsonBody(),
      ],
    },
  };
}

/**
 * Everything a fast route goes through before its own middleware, as the listener runs it:
 * `createApp` runs the same instances in the same order.
 */
function pipelineOf(pipelines: HttpPipelines, route: ApiRoute): NodeMiddleware[] {
  const own = pipelines.byRoute[route.pipeline];
  return route.pipeline === 'stream' ? own : [...pipelines.common, ...own];
}

/**
 * The Express app, which answers every route of the registry (the request listener answers the
 * fast ones before it, through the same pipelines) and never listens.
 */
export function createApp(
  deps: AppDeps,
  services: Services = createServices(deps),
  pipelines: HttpPipelines = createHttpPipelines(deps, services),
  routes: readonly ApiRoute[] = apiRoutes(deps, services),
): Express {
  const { organizerApi, doorApi } = apisOn(deps.config);
  const app = express();
  app.disable('x-powered-by');
  // Every answer is live data; hashing each body for an ETag would only cost time.
  app.set('etag', false);
  app.set('trust proxy', deps.config.http.trustProxy);

  const mount = (pipeline: PipelineName, chain: NodeMiddleware[]): void => {
    for (const route of routes) if (route.pipeline === pipeline) mountRoute(app, route, chain);
  };
  // Streams first: their pipeline takes the place of the common one.
  mount('stream', pipelines.byRoute.stream);
  // First for everything else, so every response has its headers: errors and files too.
  app.use(...pipelines.common);
  // Before the routes, sessions and limits: a method a path does not take does nothing.
  app.use(methodNotAllowed(knownRoutes(routes, { organizerApi, doorApi })));
  mount('open', pipelines.byRoute.open);
  if (organizerApi) mount('organizer', pipelines.byRoute.organizer);
  if (doorApi) mount('door', pipelines.byRoute.door);
  // For every other API path, not only the shoppers' routes: a request Express cannot even
  // match (an undecodable parameter) or an unknown path gets its session and counts as a write.
  app.use('/api', ...pipelines.byRoute.shopper);
  mount('shopper', []);
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

/** Which token-guarded APIs exist: those whose token is set. */
function apisOn(config: Config): { organizerApi: boolean; doorApi: boolean } {
  const organizerApi = config.adminToken !== undefined;
  return { organizerApi, doorApi: organizerApi || config.doorToken !== undefined };
}

/**
 * What the HTTP server runs for each request: the registry's fast routes (the availability
 * streams, the checkout and the door's check-in) are answered before Express, through the same pipelines and
 * handlers as in it; every other request goes to the app.
 */
export function createRequestListener(
  deps: AppDeps,
  services: Services = createServices(deps),
): http.RequestListener {
  const pipelines = createHttpPipelines(deps, services);
  const routes = apiRoutes(deps, services);
  const app = createApp(deps, services, pipelines, routes);
  const { doorApi } = apisOn(deps.config);
  const fast = routes
    .filter((route) => route.fast && (route.pipeline !== 'door' || doorApi))
    .map((route) => fastRoute(route, pipelineOf(pipelines, route)));
  return (req, res) => {
    if (!fast.some((answer) => answer(req, res))) app(req, res);
  };
}

import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { apiNotFound, errorHandler, requireJsonBody } from './http/errors.js';
import type { Clock } from './lib/clock.js';
import { createAvailabilityHub } from './modules/availability/availability.hub.js';
import { availabilityRouter } from './modules/availability/availability.routes.js';
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
import { holdsRouter } from './modules/holds/holds.routes.js';
import { createIdempotencyRepo } from './modules/idempotency/idempotency.repo.js';
import { sessionMiddleware } from './modules/sessions/session.middleware.js';
import { createSessionTokens } from './modules/sessions/session-tokens.js';
import { createSessionsRepo } from './modules/sessions/sessions.repo.js';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  payments?: PaymentGateway;
  /** The built web app to serve beside the API, if there is one. */
  frontendDir?: string;
}

export type Services = BookingsDeps & AvailabilityDeps & ConcertsDeps;

/** Everything the services need, wired once over one database. */
export function createServices(deps: AppDeps): Services {
  const { sqlite } = deps.db;
  const concerts = createConcertsRepo(sqlite);
  const hub = createAvailabilityHub({
    snapshot: (concertId) => readAvailability({ clock: deps.clock, concerts }, concertId),
    dataVersion: () => deps.db.dataVersion(),
    ...deps.config.sse,
  });
  return {
    db: deps.db,
    clock: deps.clock,
    policy: deps.config.holdPolicy,
    concerts,
    holds: createHoldsRepo(sqlite),
    sessions: createSessionsRepo(sqlite),
    bookings: createBookingsRepo(sqlite),
    idempotency: createIdempotencyRepo(sqlite),
    payments: deps.payments ?? simulatedPaymentGateway,
    limits: { maxTicketsPerOrder: deps.config.maxTicketsPerOrder },
    hub,
    changes: hub,
  };
}

/** Builds the HTTP app. It never listens: `main.ts` and the tests decide where it runs. */
export function createApp(deps: AppDeps, services: Services = createServices(deps)): Express {
  const app = express();
  app.disable('x-powered-by');
  // Every answer is live data; hashing each body for an ETag would only cost time.
  app.set('etag', false);

  // Streams stay open for as long as a page does, so they are routed first, past everything
  // they do not need (sessions, body parsing): each open stream costs less memory.
  app.use('/api/concerts', availabilityRouter(services));

  const tokens = createSessionTokens(services.sessions.signingSecret());
  app.use(
    '/api',
    sessionMiddleware(tokens),
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

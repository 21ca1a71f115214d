import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DbMetrics } from '../db/sqlite/store.js';
import type { LimitMetrics, LimitName } from '../http/abuse-limits.js';
import { sendText } from '../http/json.js';
import type { ApiRoute } from '../http/route-registry.js';
import type { BookingsMetrics } from '../modules/bookings/bookings.service.js';

export interface RequestLabels {
  method: string;
  /** The matched route's pattern, never the raw URL: ids in URLs would make a series each. */
  route: string;
  status: number;
}

/**
 * The server's Prometheus metrics, in a registry of their own (several apps can share one test
 * process). Services, the hub and the database only see the small interfaces they count through.
 */
export interface Metrics extends BookingsMetrics, DbMetrics, LimitMetrics {
  readonly registry: Registry;
  observeRequest(labels: RequestLabels, seconds: number): void;
  /** Where the live-watchers gauge reads its value at each scrape: the availability hub. */
  countWatchersWith(count: () => number): void;
}

/** From a millisecond to 5 s: a hold takes well under a millisecond unless the database is busy. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by route pattern',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const holdsCreated = new Counter({
    name: 'tickets_holds_created_total',
    help: 'Holds created by a checkout (a checkout that replaces a live hold is not counted)',
    registers,
  });
  const holdsExpired = new Counter({
    name: 'tickets_holds_expired_total',
    help: 'Holds that ran out and were swept, by a write on their concert or the cleanup job',
    registers,
  });
  const holdsConverted = new Counter({
    name: 'tickets_holds_converted_total',
    help: 'Holds that became a booking',
    registers,
  });
  const holdsReleased = new Counter({
    name: 'tickets_holds_released_total',
    help: 'Holds given back by the shopper',
    registers,
  });
  const bookingsConfirmed = new Counter({
    name: 'tickets_bookings_confirmed_total',
    help: 'Bookings confirmed after a successful payment',
    registers,
  });
  const bookingsCancelled = new Counter({
    name: 'tickets_bookings_cancelled_total',
    help: 'Bookings cancelled by the shopper, their tickets back on sale',
    registers,
  });
  const busyRetries = new Counter({
    name: 'tickets_sqlite_busy_retries_total',
    help: 'Writes retried because another connection held the SQLite write lock',
    registers,
  });
  const limitsUnchecked = new Counter({
    name: 'tickets_limits_unchecked_total',
    help: 'Requests let through without their count, by limit, because Redis did not answer',
    labelNames: ['limit'] as const,
    registers,
  });
  let watcherCount = () => 0;
  // Read at each scrape from the hub, which keeps the streams: it cannot drift from them.
  new Gauge({
    name: 'tickets_sse_watchers',
    help: 'Open availability streams',
    registers,
    collect() {
      this.set(watcherCount());
    },
  });

  return {
    registry,
    observeRequest({ method, route, status }, seconds) {
      requestDuration.observe({ method, route, status_code: status }, seconds);
    },
    countWatchersWith(count) {
      watcherCount = count;
    },
    holdCreated() {
      holdsCreated.inc();
    },
    holdsExpired(count) {
      if (count > 0) holdsExpired.inc(count);
    },
    holdReleased() {
      holdsReleased.inc();
    },
    holdConverted() {
      holdsConverted.inc();
    },
    bookingConfirmed() {
      bookingsConfirmed.inc();
    },
    bookingCancelled() {
      bookingsCancelled.inc();
    },
    busyRetry() {
      busyRetries.inc();
    },
    limitUnchecked(limit: LimitName) {
      limitsUnchecked.inc({ limit });
    },
  };
}

/** `GET /metrics` in Prometheus' text format, for operators only (see docs/operations.md). */
export function metricsRoutes(metrics: Metrics): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      operationId: 'getMetrics',
      pipeline: 'open',
      handle: async (_req, res) => {
        const body = await metrics.registry.metrics();
        res.setHeader('Cache-Control', 'no-store');
        sendText(res, metrics.registry.contentType, body);
      },
    },
  ];
}

import type { IncomingMessage } from 'node:http';
import type { Express } from 'express';
import type { Metrics } from '../observability/metrics.js';
import type { NodeMiddleware } from './node-middleware.js';

/** The route label of requests that matched no route: unknown paths, static files. */
export const UNMATCHED_ROUTE = 'unmatched';

const ROUTE = Symbol('route');
const ROUTE_PATTERN = Symbol('routePattern');

interface PatternedRequest {
  baseUrl: string;
  [ROUTE]?: { path: string };
  [ROUTE_PATTERN]?: string;
}

/**
 * Makes the app remember, on each request, the full pattern of the route that matched it, such as
 * `/api/holds/:concertId`. Express keeps only the router-relative `req.route.path`, and puts
 * `req.baseUrl` back before error handlers run, so after a thrown error the mount path is gone.
 * The router sets `req.route` while it is still there: the pattern is taken at that moment.
 * The mount path is lowercased because Express matches it case-insensitively.
 */
export function rememberRoutePatterns(app: Express): void {
  Object.defineProperty(app.request, 'route', {
    configurable: true,
    get(this: PatternedRequest) {
      return this[ROUTE];
    },
    set(this: PatternedRequest, route: { path: string }) {
      this[ROUTE] = route;
      const mountPath = this.baseUrl.toLowerCase();
      this[ROUTE_PATTERN] = mountPath && route.path === '/' ? mountPath : mountPath + route.path;
    },
  });
}

function routePatternOf(req: IncomingMessage): string {
  return (req as unknown as PatternedRequest)[ROUTE_PATTERN] ?? UNMATCHED_ROUTE;
}

function timed(metrics: Metrics, routeOf: (req: IncomingMessage) => string): NodeMiddleware {
  return (req, res, next) => {
    const startedAt = performance.now();
    res.once('close', () => {
      metrics.observeRequest(
        { method: req.method ?? '', route: routeOf(req), status: res.statusCode },
        (performance.now() - startedAt) / 1000,
      );
    });
    next();
  };
}

/** Times every request into the latency histogram, labelled by method, route pattern and status. */
export function requestMetrics(metrics: Metrics): NodeMiddleware {
  return timed(metrics, routePatternOf);
}

/** The same for a route answered before Express, whose pattern is known in advance. */
export function routeMetrics(metrics: Metrics, route: string): NodeMiddleware {
  return timed(metrics, () => route);
}

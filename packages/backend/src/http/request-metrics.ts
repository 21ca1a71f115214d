import type { Metrics } from '../observability/metrics.js';
import type { NodeMiddleware } from './node-middleware.js';
import { requestContext } from './request-context.js';

/** The route label of requests that matched no route: unknown paths, static files. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request into the latency histogram, labelled by method, status and the registry
 * pattern of the route that took it (read when the response closes, so a route matched after
 * this middleware ran is the one counted).
 */
export function requestMetrics(metrics: Metrics): NodeMiddleware {
  return (req, res, next) => {
    const startedAt = performance.now();
    res.once('close', () => {
      metrics.observeRequest(
        {
          method: req.method ?? '',
          route: requestContext(req).route ?? UNMATCHED_ROUTE,
          status: res.statusCode,
        },
        (performance.now() - startedAt) / 1000,
      );
    });
    next();
  };
}

import { nodeRoute, type NodeMiddleware, type NodeRoute } from '../../http/node-middleware.js';
import { concertIdParam } from '../../http/validate.js';
import { watchAvailability, type AvailabilityDeps } from './availability.service.js';

/** The route below as a pattern, for what lists the routes (the OpenAPI document's tests). */
export const AVAILABILITY_STREAM_ROUTE = '/api/concerts/:id/availability/stream';

const STREAM_PATH = /^\/api\/concerts\/([^/]+)\/availability\/stream\/?$/i;

function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/** The id as sent, percent-decoded; one that cannot be decoded names no concert. */
function decodedId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * `GET /api/concerts/:id/availability/stream`, answered before Express ever sees the request,
 * after the `before` middleware (logging, headers, limits) let it through. A stream stays open as
 * long as its page does, and Express's per-request state (its own prototypes for the request and
 * response, the router's) about doubled the memory each open stream kept (see
 * docs/performance.md).
 */
export function availabilityStreams(
  deps: AvailabilityDeps,
  before: readonly NodeMiddleware[] = [],
): NodeRoute {
  return nodeRoute(['GET', 'HEAD'], STREAM_PATH, before, async (req, res, [id]) => {
    await watchAvailability(
      deps,
      concertIdParam(decodedId(id ?? '')),
      res,
      lastEventIdOf(req.headers['last-event-id']),
    );
  });
}

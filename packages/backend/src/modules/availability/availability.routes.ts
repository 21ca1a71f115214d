import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../../http/errors.js';
import { concertIdParam } from '../../http/validate.js';
import { watchAvailability, type AvailabilityDeps } from './availability.service.js';

const STREAM_PATH = /^\/api\/concerts\/([^/?#]+)\/availability\/stream\/?(?:\?|$)/i;

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
 * and false for any other request. A stream stays open as long as its page does, and Express's
 * per-request state (its own prototypes for the request and response, the router's) about
 * doubled the memory each open stream kept (see docs/performance.md).
 */
export function availabilityStreams(
  deps: AvailabilityDeps,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const match = STREAM_PATH.exec(req.url ?? '');
    if (!match?.[1]) return false;
    try {
      watchAvailability(
        deps,
        concertIdParam(decodedId(match[1])),
        res,
        lastEventIdOf(req.headers['last-event-id']),
      );
    } catch (error) {
      sendError(res, error);
    }
    return true;
  };
}

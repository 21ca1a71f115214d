import { Router, type RequestHandler } from 'express';
import { concertIdParam } from '../../http/validate.js';
import { watchAvailability, type AvailabilityDeps } from './availability.service.js';

function lastEventIdOf(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/** `guards` run before a stream opens, and may refuse it. */
export function availabilityRouter(deps: AvailabilityDeps, guards: RequestHandler[] = []): Router {
  const router = Router();

  router.get('/:id/availability/stream', ...guards, (req, res) => {
    watchAvailability(
      deps,
      concertIdParam(req.params.id),
      res,
      lastEventIdOf(req.get('Last-Event-ID')),
    );
  });

  return router;
}

import { Router } from 'express';
import { concertIdParam } from '../../http/validate.js';
import { watchAvailability, type AvailabilityDeps } from './availability.service.js';

function lastEventIdOf(header: string | undefined): number | undefined {
  return header !== undefined && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

export function availabilityRouter(deps: AvailabilityDeps): Router {
  const router = Router();

  router.get('/:id/availability/stream', (req, res) => {
    watchAvailability(
      deps,
      concertIdParam(req.params.id),
      res,
      lastEventIdOf(req.get('Last-Event-ID')),
    );
  });

  return router;
}

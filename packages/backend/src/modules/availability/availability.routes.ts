import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam } from '../../http/validate.js';
import { watchAvailability, type AvailabilityDeps } from './availability.service.js';

function lastEventIdOf(header: string | string[] | undefined): number | undefined {
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

export function availabilityRoutes(deps: AvailabilityDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/concerts/:id/availability/stream',
      operationId: 'streamAvailability',
      pipeline: 'stream',
      // A stream stays open as long as its page does.
      fast: true,
      handle: async (req, res, params) => {
        await watchAvailability(
          deps,
          concertIdParam(params.id),
          res,
          lastEventIdOf(req.headers['last-event-id']),
        );
      },
    },
  ];
}

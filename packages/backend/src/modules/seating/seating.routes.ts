import type { SeatMapResponse } from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam } from '../../http/validate.js';
import { getSeatMap, type SeatingDeps } from './seating.service.js';

export function seatingRoutes(deps: SeatingDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/concerts/:id/seats',
      operationId: 'getSeatMap',
      pipeline: 'shopper',
      handle: async (_req, res, params) => {
        const body: SeatMapResponse = {
          seatMap: await getSeatMap(deps, concertIdParam(params.id)),
        };
        sendJson(res, 200, body);
      },
    },
  ];
}

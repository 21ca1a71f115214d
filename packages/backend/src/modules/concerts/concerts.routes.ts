import type { ConcertListResponse, ConcertResponse } from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam } from '../../http/validate.js';
import { getConcert, listConcerts, type ConcertsDeps } from './concerts.service.js';

export function concertsRoutes(deps: ConcertsDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/concerts',
      operationId: 'listConcerts',
      pipeline: 'shopper',
      handle: async (_req, res) => {
        const body: ConcertListResponse = { concerts: await listConcerts(deps) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/concerts/:id',
      operationId: 'getConcert',
      pipeline: 'shopper',
      handle: async (_req, res, params) => {
        const body: ConcertResponse = {
          concert: await getConcert(deps, concertIdParam(params.id)),
        };
        sendJson(res, 200, body);
      },
    },
  ];
}

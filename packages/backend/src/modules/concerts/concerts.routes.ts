import { Router } from 'express';
import type { ConcertListResponse, ConcertResponse } from '@ticket-booking/shared';
import { concertIdParam } from '../../http/validate.js';
import { getConcert, listConcerts, type ConcertsDeps } from './concerts.service.js';

export function concertsRouter(deps: ConcertsDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const body: ConcertListResponse = { concerts: await listConcerts(deps) };
    res.json(body);
  });

  router.get('/:id', async (req, res) => {
    const body: ConcertResponse = {
      concert: await getConcert(deps, concertIdParam(req.params.id)),
    };
    res.json(body);
  });

  return router;
}

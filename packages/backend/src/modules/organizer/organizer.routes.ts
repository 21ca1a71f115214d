import { Router, type RequestHandler } from 'express';
import {
  CreateConcertRequestSchema,
  TierCodeSchema,
  UpdateTierRequestSchema,
  type ConcertListResponse,
  type ConcertResponse,
  type ConcertSalesResponse,
} from '@ticket-booking/shared';
import { jsonBody } from '../../http/json.js';
import type { NodeMiddleware } from '../../http/node-middleware.js';
import { requireBearerToken } from '../../http/organizer-auth.js';
import { concertIdParam, parseInput } from '../../http/validate.js';
import { listAllConcerts } from '../concerts/concerts.service.js';
import {
  concertSales,
  createConcert,
  tierNotFound,
  updateTier,
  type OrganizerDeps,
} from './organizer.service.js';

function tierCodeParam(value: string | string[] | undefined): string {
  const parsed = TierCodeSchema.safeParse(value);
  if (!parsed.success) throw tierNotFound();
  return parsed.data;
}

/**
 * The organizer's API, mounted under /api before sessions: it is called with a bearer token, not
 * a shopper's cookie. Without a configured token it has no routes at all, so its paths answer
 * 404 like any unknown one. `writeLimit` is the per-address limit on writes the shoppers' API has.
 */
export function organizerRouter(
  deps: OrganizerDeps,
  options: { token: string | undefined; writeLimit: NodeMiddleware[] },
): Router {
  const router = Router();
  if (options.token === undefined) return router;
  const organizer: RequestHandler[] = [
    ...options.writeLimit,
    requireBearerToken(options.token),
    ...jsonBody(),
  ];

  router.post('/concerts', ...organizer, async (req, res) => {
    const request = parseInput(CreateConcertRequestSchema, req.body);
    const body: ConcertResponse = { concert: await createConcert(deps, request) };
    res.status(201).json(body);
  });

  router.patch('/concerts/:id/tiers/:tier', ...organizer, async (req, res) => {
    const concertId = concertIdParam(req.params.id);
    const tierCode = tierCodeParam(req.params.tier);
    const change = parseInput(UpdateTierRequestSchema, req.body);
    const body: ConcertResponse = { concert: await updateTier(deps, concertId, tierCode, change) };
    res.json(body);
  });

  router.get('/admin/concerts', ...organizer, async (_req, res) => {
    const body: ConcertListResponse = { concerts: await listAllConcerts(deps) };
    res.json(body);
  });

  router.get('/admin/concerts/:id/sales', ...organizer, async (req, res) => {
    const body: ConcertSalesResponse = {
      sales: await concertSales(deps, concertIdParam(req.params.id)),
    };
    res.json(body);
  });

  return router;
}

import {
  CreateConcertRequestSchema,
  UpdateConcertRequestSchema,
  UpdateTierRequestSchema,
  type ConcertListResponse,
  type ConcertResponse,
  type ConcertSalesResponse,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import { bodyOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam, parseInput, tierCodeParam } from '../../http/validate.js';
import { listAllConcerts } from '../concerts/concerts.service.js';
import {
  concertSales,
  createConcert,
  updateConcert,
  updateTier,
  type OrganizerDeps,
} from './organizer.service.js';

/**
 * The organizer's API: called with a bearer token, not a shopper's cookie. Without a configured
 * token none of it is served, so its paths answer 404 like any unknown one.
 */
export function organizerRoutes(deps: OrganizerDeps): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/concerts',
      operationId: 'createConcert',
      pipeline: 'organizer',
      handle: async (req, res) => {
        const request = parseInput(CreateConcertRequestSchema, bodyOf(req));
        const body: ConcertResponse = { concert: await createConcert(deps, request) };
        sendJson(res, 201, body);
      },
    },
    {
      method: 'PATCH',
      path: '/api/concerts/:id',
      operationId: 'updateConcert',
      pipeline: 'organizer',
      handle: async (req, res, params) => {
        const concertId = concertIdParam(params.id);
        const change = parseInput(UpdateConcertRequestSchema, bodyOf(req));
        const body: ConcertResponse = { concert: await updateConcert(deps, concertId, change) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'PATCH',
      path: '/api/concerts/:id/tiers/:tier',
      operationId: 'updateTier',
      pipeline: 'organizer',
      handle: async (req, res, params) => {
        const concertId = concertIdParam(params.id);
        const tierCode = tierCodeParam(params.tier);
        const change = parseInput(UpdateTierRequestSchema, bodyOf(req));
        const body: ConcertResponse = {
          concert: await updateTier(deps, concertId, tierCode, change),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/admin/concerts',
      operationId: 'listAllConcerts',
      pipeline: 'organizer',
      handle: async (_req, res) => {
        const body: ConcertListResponse = { concerts: await listAllConcerts(deps) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/admin/concerts/:id/sales',
      operationId: 'getConcertSales',
      pipeline: 'organizer',
      handle: async (_req, res, params) => {
        const body: ConcertSalesResponse = {
          sales: await concertSales(deps, concertIdParam(params.id)),
        };
        sendJson(res, 200, body);
      },
    },
  ];
}

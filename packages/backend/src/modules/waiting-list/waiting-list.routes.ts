import {
  createWaitingListJoinSchema,
  OfferTokenSchema,
  type OfferResponse,
  type OrganizerWaitingList,
  type WaitingListEntriesResponse,
  type WaitingListEntryResponse,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import { bodyOf, sessionOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam, parseInput, tierCodeParam } from '../../http/validate.js';
import { offerNotFound } from './errors.js';
import {
  getOffer,
  joinWaitingList,
  leaveWaitingList,
  organizerWaitingList,
  waitingListEntries,
  type WaitingListDeps,
} from './waiting-list.service.js';

/** An offer's token in a URL; one that cannot exist is simply not found. */
function offerTokenParam(value: string | undefined): string {
  const parsed = OfferTokenSchema.safeParse(value);
  if (!parsed.success) throw offerNotFound();
  return parsed.data;
}

export function waitingListRoutes(
  deps: WaitingListDeps,
  limits: { maxTicketsPerOrder: number },
): ApiRoute[] {
  const JoinSchema = createWaitingListJoinSchema(limits);
  const path = '/api/concerts/:id/waiting-list';
  return [
    {
      method: 'POST',
      path,
      operationId: 'joinWaitingList',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const concertId = concertIdParam(params.id);
        const request = parseInput(JoinSchema, bodyOf(req));
        const body: WaitingListEntryResponse = {
          entry: await joinWaitingList(deps, sessionOf(req), concertId, request),
        };
        sendJson(res, 201, body);
      },
    },
    {
      method: 'GET',
      path,
      operationId: 'getWaitingListEntries',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const concertId = concertIdParam(params.id);
        const body: WaitingListEntriesResponse = {
          entries: await waitingListEntries(deps, sessionOf(req), concertId),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'DELETE',
      path: `${path}/:tier`,
      operationId: 'leaveWaitingList',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const concertId = concertIdParam(params.id);
        await leaveWaitingList(deps, sessionOf(req), concertId, tierCodeParam(params.tier));
        res.statusCode = 204;
        res.end();
      },
    },
    {
      method: 'GET',
      path: '/api/offers/:token',
      operationId: 'getOffer',
      pipeline: 'shopper',
      handle: async (_req, res, params) => {
        const body: OfferResponse = { offer: await getOffer(deps, offerTokenParam(params.token)) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/admin/concerts/:id/waiting-list',
      operationId: 'getOrganizerWaitingList',
      pipeline: 'organizer',
      handle: async (_req, res, params) => {
        const body: OrganizerWaitingList = await organizerWaitingList(
          deps,
          concertIdParam(params.id),
        );
        sendJson(res, 200, body);
      },
    },
  ];
}

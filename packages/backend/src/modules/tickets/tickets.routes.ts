import {
  CheckInRequestSchema,
  TicketCodeSchema,
  type DoorKeysResponse,
  type TicketResponse,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import { bodyOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { parseInput } from '../../http/validate.js';
import {
  checkIn,
  doorKeys,
  getTicket,
  ticketNotFound,
  type TicketsDeps,
} from './tickets.service.js';

/** A ticket's code in a URL; one that cannot be a code is simply not found. */
function ticketCodeParam(value: string | undefined): string {
  const parsed = TicketCodeSchema.safeParse(value);
  if (!parsed.success) throw ticketNotFound();
  return parsed.data;
}

export function ticketsRoutes(deps: TicketsDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/tickets/:code',
      operationId: 'getTicket',
      pipeline: 'shopper',
      handle: async (_req, res, params) => {
        const body: TicketResponse = {
          ticket: await getTicket(deps, ticketCodeParam(params.code)),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/admin/door-keys',
      operationId: 'listDoorKeys',
      pipeline: 'door',
      handle: async (_req, res) => {
        const body: DoorKeysResponse = { keys: await doorKeys(deps) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: '/api/admin/check-ins',
      operationId: 'checkInTicket',
      pipeline: 'door',
      // Doors opening scan thousands a minute.
      fast: true,
      handle: async (req, res) => {
        const request = parseInput(CheckInRequestSchema, bodyOf(req));
        const body: TicketResponse = { ticket: await checkIn(deps, request) };
        sendJson(res, 200, body);
      },
    },
  ];
}

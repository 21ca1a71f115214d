import {
  createCheckoutRequestSchema,
  HeartbeatRequestSchema,
  type CurrentHoldResponse,
  type HoldResponse,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import {
  addressOfRequest,
  bodyOf,
  isSharedAddress,
  sessionOf,
} from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam, parseInput } from '../../http/validate.js';
import {
  idempotencyKeyFor,
  idempotencyKeyOf,
  sendReply,
} from '../idempotency/idempotency.middleware.js';
import { checkout, getHold, heartbeat, releaseHold, type HoldsDeps } from './holds.service.js';

export function holdsRoutes(deps: HoldsDeps, limits: { maxTicketsPerOrder: number }): ApiRoute[] {
  const CheckoutRequestSchema = createCheckoutRequestSchema(limits);
  return [
    {
      method: 'POST',
      path: '/api/holds/checkout',
      operationId: 'checkout',
      pipeline: 'shopper',
      // The request a ticket drop is made of.
      fast: true,
      before: [idempotencyKeyFor('POST /api/holds/checkout')],
      handle: async (req, res) => {
        const request = parseInput(CheckoutRequestSchema, bodyOf(req));
        const shopper = {
          sessionId: sessionOf(req),
          address: addressOfRequest(req),
          shared: isSharedAddress(req),
        };
        sendReply(res, await checkout(deps, shopper, request, idempotencyKeyOf(req)));
      },
    },
    {
      method: 'POST',
      path: '/api/holds/heartbeat',
      operationId: 'heartbeat',
      pipeline: 'shopper',
      handle: async (req, res) => {
        const request = parseInput(HeartbeatRequestSchema, bodyOf(req));
        const body: HoldResponse = { hold: await heartbeat(deps, sessionOf(req), request) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/holds/:concertId',
      operationId: 'getHold',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const body: CurrentHoldResponse = {
          hold: await getHold(deps, sessionOf(req), concertIdParam(params.concertId)),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'DELETE',
      path: '/api/holds/:concertId',
      operationId: 'releaseHold',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        await releaseHold(deps, sessionOf(req), concertIdParam(params.concertId));
        res.statusCode = 204;
        res.end();
      },
    },
  ];
}

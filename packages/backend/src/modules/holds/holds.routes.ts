import { Router } from 'express';
import {
  createCheckoutRequestSchema,
  HeartbeatRequestSchema,
  type CurrentHoldResponse,
  type HoldResponse,
} from '@ticket-booking/shared';
import { nodeRoute, type NodeMiddleware, type NodeRoute } from '../../http/node-middleware.js';
import { concertIdParam, parseInput } from '../../http/validate.js';
import { idempotencyKeyFor, sendReply } from '../idempotency/idempotency.middleware.js';
import { checkout, getHold, heartbeat, releaseHold, type HoldsDeps } from './holds.service.js';

/** The route below, for what lists the routes (the OpenAPI document's tests, the metrics). */
export const CHECKOUT_ROUTE = '/api/holds/checkout';

/**
 * `POST /api/holds/checkout`, answered before Express, after `before`: the same middleware every
 * other shopper's write goes through in Express (headers, log, metrics, limits, session, JSON
 * body). It is the request a ticket drop is made of, and Express's router and its own request
 * and response objects more than doubled what each one cost (see docs/performance.md).
 */
export function checkoutRoute(
  deps: HoldsDeps,
  limits: { maxTicketsPerOrder: number },
  before: readonly NodeMiddleware[],
): NodeRoute {
  const CheckoutRequestSchema = createCheckoutRequestSchema(limits);
  return nodeRoute(
    ['POST'],
    /^\/api\/holds\/checkout\/?$/i,
    [...before, idempotencyKeyFor(`POST ${CHECKOUT_ROUTE}`)],
    async (req, res) => {
      const request = parseInput(CheckoutRequestSchema, req.body);
      sendReply(res, await checkout(deps, req.sessionId, request, req.idempotencyKey));
    },
  );
}

export function holdsRouter(deps: HoldsDeps): Router {
  const router = Router();

  router.post('/heartbeat', async (req, res) => {
    const request = parseInput(HeartbeatRequestSchema, req.body);
    const body: HoldResponse = { hold: await heartbeat(deps, req.sessionId, request) };
    res.json(body);
  });

  router.get('/:concertId', async (req, res) => {
    const body: CurrentHoldResponse = {
      hold: await getHold(deps, req.sessionId, concertIdParam(req.params.concertId)),
    };
    res.json(body);
  });

  router.delete('/:concertId', async (req, res) => {
    await releaseHold(deps, req.sessionId, concertIdParam(req.params.concertId));
    res.status(204).end();
  });

  return router;
}

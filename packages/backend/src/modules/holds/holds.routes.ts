import { Router } from 'express';
import {
  createCheckoutRequestSchema,
  HeartbeatRequestSchema,
  type HoldResponse,
} from '@ticket-booking/shared';
import { concertIdParam, parseInput } from '../../http/validate.js';
import { idempotencyKeyFor, sendReply } from '../idempotency/idempotency.middleware.js';
import { checkout, getHold, heartbeat, releaseHold, type HoldsDeps } from './holds.service.js';

export function holdsRouter(deps: HoldsDeps, limits: { maxTicketsPerOrder: number }): Router {
  const router = Router();
  const CheckoutRequestSchema = createCheckoutRequestSchema(limits);

  router.post('/checkout', idempotencyKeyFor('POST /api/holds/checkout'), async (req, res) => {
    const request = parseInput(CheckoutRequestSchema, req.body);
    sendReply(res, await checkout(deps, req.sessionId, request, req.idempotencyKey));
  });

  router.post('/heartbeat', async (req, res) => {
    const request = parseInput(HeartbeatRequestSchema, req.body);
    const body: HoldResponse = { hold: await heartbeat(deps, req.sessionId, request) };
    res.json(body);
  });

  router.get('/:concertId', (req, res) => {
    const body: HoldResponse = {
      hold: getHold(deps, req.sessionId, concertIdParam(req.params.concertId)),
    };
    res.json(body);
  });

  router.delete('/:concertId', async (req, res) => {
    await releaseHold(deps, req.sessionId, concertIdParam(req.params.concertId));
    res.status(204).end();
  });

  return router;
}

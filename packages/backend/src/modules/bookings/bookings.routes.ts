import { Router } from 'express';
import {
  BookingIdSchema,
  BookingRequestSchema,
  type BookingListResponse,
  type BookingResponse,
} from '@ticket-booking/shared';
import { parseInput } from '../../http/validate.js';
import { idempotencyKeyFor, sendReply } from '../idempotency/idempotency.middleware.js';
import {
  bookingNotFound,
  cancelBooking,
  createBooking,
  getBooking,
  listBookings,
  type BookingsDeps,
} from './bookings.service.js';

export function bookingsRouter(deps: BookingsDeps): Router {
  const router = Router();

  router.post('/', idempotencyKeyFor('POST /api/bookings'), async (req, res) => {
    const request = parseInput(BookingRequestSchema, req.body);
    sendReply(res, await createBooking(deps, req.sessionId, request, req.idempotencyKey));
  });

  router.get('/', async (req, res) => {
    const body: BookingListResponse = { bookings: await listBookings(deps, req.sessionId) };
    res.json(body);
  });

  router.get('/:id', async (req, res) => {
    const id = BookingIdSchema.safeParse(req.params.id);
    if (!id.success) throw bookingNotFound();
    const body: BookingResponse = { booking: await getBooking(deps, req.sessionId, id.data) };
    res.json(body);
  });

  router.delete('/:id', async (req, res) => {
    const id = BookingIdSchema.safeParse(req.params.id);
    if (!id.success) throw bookingNotFound();
    const body: BookingResponse = { booking: await cancelBooking(deps, req.sessionId, id.data) };
    res.json(body);
  });

  return router;
}

import { Router } from 'express';
import {
  BookingIdSchema,
  BookingRequestSchema,
  type BookingListResponse,
  type BookingResponse,
} from '@ticket-booking/shared';
import { parseInput } from '../../http/validate.js';
import {
  bookingNotFound,
  createBooking,
  getBooking,
  listBookings,
  type BookingsDeps,
} from './bookings.service.js';

export function bookingsRouter(deps: BookingsDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const request = parseInput(BookingRequestSchema, req.body);
    const body: BookingResponse = { booking: await createBooking(deps, req.sessionId, request) };
    res.status(201).json(body);
  });

  router.get('/', (req, res) => {
    const body: BookingListResponse = { bookings: listBookings(deps, req.sessionId) };
    res.json(body);
  });

  router.get('/:id', (req, res) => {
    const id = BookingIdSchema.safeParse(req.params.id);
    if (!id.success) throw bookingNotFound();
    const body: BookingResponse = { booking: getBooking(deps, req.sessionId, id.data) };
    res.json(body);
  });

  return router;
}

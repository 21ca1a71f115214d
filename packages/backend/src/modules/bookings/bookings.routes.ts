import {
  BookingIdSchema,
  BookingRequestSchema,
  type BookingListResponse,
  type BookingResponse,
} from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import { bodyOf, sessionOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { parseInput } from '../../http/validate.js';
import {
  idempotencyKeyFor,
  idempotencyKeyOf,
  sendReply,
} from '../idempotency/idempotency.middleware.js';
import {
  bookingNotFound,
  cancelBooking,
  createBooking,
  getBooking,
  listBookings,
  type BookingsDeps,
} from './bookings.service.js';

function bookingIdParam(value: string | undefined): string {
  const id = BookingIdSchema.safeParse(value);
  if (!id.success) throw bookingNotFound();
  return id.data;
}

export function bookingsRoutes(deps: BookingsDeps): ApiRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/bookings',
      operationId: 'createBooking',
      pipeline: 'shopper',
      before: [idempotencyKeyFor('POST /api/bookings')],
      handle: async (req, res) => {
        const request = parseInput(BookingRequestSchema, bodyOf(req));
        sendReply(res, await createBooking(deps, sessionOf(req), request, idempotencyKeyOf(req)));
      },
    },
    {
      method: 'GET',
      path: '/api/bookings',
      operationId: 'listBookings',
      pipeline: 'shopper',
      handle: async (req, res) => {
        const body: BookingListResponse = { bookings: await listBookings(deps, sessionOf(req)) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/bookings/:id',
      operationId: 'getBooking',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const id = bookingIdParam(params.id);
        const body: BookingResponse = { booking: await getBooking(deps, sessionOf(req), id) };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'DELETE',
      path: '/api/bookings/:id',
      operationId: 'cancelBooking',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const id = bookingIdParam(params.id);
        const body: BookingResponse = { booking: await cancelBooking(deps, sessionOf(req), id) };
        sendJson(res, 200, body);
      },
    },
  ];
}

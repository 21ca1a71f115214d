import {
  BookingCodeAccessSchema,
  BookingLinkAccessSchema,
  BookingLinkRequestSchema,
  type BookingAccessResponse,
  type BookingLinkResponse,
} from '@ticket-booking/shared';
import { bookingLinkLimit, bookingLookupLimit, type LimitsDeps } from '../../http/abuse-limits.js';
import { sendJson } from '../../http/json.js';
import { bodyOf, sessionOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { parseInput } from '../../http/validate.js';
import {
  openBookingByCode,
  openBookingsByLink,
  sendBookingLink,
  type BookingAccessDeps,
} from './booking-access.service.js';

/** A buyer's bookings on another device than the one they were bought on, with no account. */
export function bookingAccessRoutes(deps: BookingAccessDeps, limits: LimitsDeps): ApiRoute[] {
  const lookups = bookingLookupLimit(limits);
  return [
    {
      method: 'POST',
      path: '/api/booking-links',
      operationId: 'sendBookingLink',
      pipeline: 'shopper',
      before: bookingLinkLimit(limits),
      handle: async (req, res) => {
        const request = parseInput(BookingLinkRequestSchema, bodyOf(req));
        const body: BookingLinkResponse = await sendBookingLink(deps, request);
        sendJson(res, 202, body);
      },
    },
    {
      method: 'POST',
      path: '/api/booking-access',
      operationId: 'openBookingByCode',
      pipeline: 'shopper',
      before: lookups,
      handle: async (req, res) => {
        const request = parseInput(BookingCodeAccessSchema, bodyOf(req));
        const body: BookingAccessResponse = {
          bookings: await openBookingByCode(deps, sessionOf(req), request),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: '/api/booking-access/link',
      operationId: 'openBookingsByLink',
      pipeline: 'shopper',
      before: lookups,
      handle: async (req, res) => {
        const request = parseInput(BookingLinkAccessSchema, bodyOf(req));
        const body: BookingAccessResponse = {
          bookings: await openBookingsByLink(deps, sessionOf(req), request),
        };
        sendJson(res, 200, body);
      },
    },
  ];
}

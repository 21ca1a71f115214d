// Longer than most files: the API's operations as one table, read top to bottom like the API.
import { z } from 'zod';
import {
  AvailabilityEventSchema,
  BookingAccessResponseSchema,
  BookingCodeAccessSchema,
  BookingIdSchema,
  BookingLinkAccessSchema,
  BookingLinkRequestSchema,
  BookingLinkResponseSchema,
  BookingListResponseSchema,
  BookingRequestSchema,
  BookingResponseSchema,
  ConcertIdSchema,
  ConcertListResponseSchema,
  ConcertResponseSchema,
  SeatMapResponseSchema,
  SeatsEventSchema,
  SeatChangesEventSchema,
  DevMailListSchema,
  DoorKeysResponseSchema,
  CheckInRequestSchema,
  TicketCodeSchema,
  TicketResponseSchema,
  ConcertSalesResponseSchema,
  CreateConcertRequestSchema,
  createCheckoutRequestSchema,
  CurrentHoldResponseSchema,
  type ErrorCode,
  HealthResponseSchema,
  HeartbeatRequestSchema,
  HoldResponseSchema,
  MAX_YEARS_AHEAD,
  ReadinessResponseSchema,
  TierCodeSchema,
  UpdateConcertRequestSchema,
  UpdateTierRequestSchema,
  OfferResponseSchema,
  OfferTokenSchema,
  OrganizerWaitingListSchema,
  WaitingListEntriesResponseSchema,
  WaitingListEntryResponseSchema,
  WaitingRoomPlaceResponseSchema,
  createWaitingListJoinSchema,
} from '@ticket-booking/shared';
import type { KnownRoute } from '../http/method-not-allowed.js';
import type { ApiRoute } from '../http/route-registry.js';
import { DOCS_ASSET_MEDIA, DocsAssetSchema } from './docs-assets.js';

export interface OrderLimits {
  maxTicketsPerOrder: number;
}

/**
 * What a success answers: a JSON body of a schema, another media type (or one of several), or
 * nothing at all.
 */
export type Success =
  | { status: number; description: string; json: z.ZodType }
  | { status: number; description: string; media: string | string[]; schema?: z.ZodType }
  | { status: number; description: string; empty: true };

/**
 * One operation of the API, as the OpenAPI document tells it. A new endpoint is one entry in
 * `OPERATIONS`; the document, its tests and the response checks of the API tests all follow it.
 */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style: `:name` segments are path parameters, each described in `params`. */
  path: string;
  /** What a generated client calls it: a camelCase verb phrase, unique in the document. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  params?: Record<string, z.ZodType>;
  /** The JSON body it takes; a function of the limits where they shape it. */
  body?: z.ZodType | ((limits: OrderLimits) => z.ZodType);
  /** Answers more than one success status (readiness: 200 or 503 with the same body). */
  successes: Success[];
  /** The errors its own rules answer with; the ones every route shares are added for it. */
  errors?: ErrorCode[];
  /**
   * `session`: routed behind the session cookie, JSON bodies and the write limits (so also
   * answers their errors). `none`: routed before sessions, never sets a cookie. `organizer`:
   * routed before sessions, behind the organizer's bearer token (`ADMIN_TOKEN`), JSON bodies
   * and the per-address write limit; without a configured token these paths answer 404.
   */
  access: 'session' | 'none' | 'organizer' | 'door';
  /** Takes an Idempotency-Key: the same key sent again replays the first answer. */
  idempotent?: boolean;
  /** Writes: counted by the per-address and per-session write limits, may meet a busy database. */
  writes?: boolean;
  /** Request headers it reads besides the ones every route reads. */
  headers?: Record<string, z.ZodType>;
}

const concertIdParam = ConcertIdSchema.meta({ description: 'The concert, e.g. `neon-harbor`.' });

/** Every operation the server exposes, in the order the reference shows them. */
/** How the writes that need a live hold answer without one (see `requireLiveHold`). */
const WITHOUT_LIVE_HOLD =
  'Without a live hold it is 410 `HOLD_EXPIRED` if this session’s hold on the concert ran ' +
  'out (in the last day), and 404 `NO_ACTIVE_HOLD` if it held nothing there, or gave the ' +
  'tickets back or bought them.';

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/concerts',
    operationId: 'listConcerts',
    tag: 'Concerts',
    summary: 'List the concerts on sale, with each tier’s live counts',
    description:
      'Only concerts whose sales are open: one that has started, or whose sales have ended, ' +
      'is left out, though `GET /api/concerts/{id}` still answers it with its `status`.',
    access: 'session',
    successes: [{ status: 200, description: 'The concerts.', json: ConcertListResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/concerts/:id',
    operationId: 'getConcert',
    tag: 'Concerts',
    summary: 'One concert with its tiers',
    description:
      'Past concerts too. `status` says whether its sales are open (`ON_SALE`), have ended ' +
      '(`SALES_CLOSED`) or it has started (`STARTED`). Times are UTC instants; `timeZone` is ' +
      'the venue’s, in which to show them.',
    access: 'session',
    params: { id: concertIdParam },
    successes: [{ status: 200, description: 'The concert.', json: ConcertResponseSchema }],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/concerts/:id/seats',
    operationId: 'getSeatMap',
    tag: 'Concerts',
    summary: 'A seated concert’s seating plan and every seat’s state',
    description:
      'The plan as its organizer gave it (sections, rows best first, seats side by side in ' +
      'order), and every seat’s state in plan order, two bits a seat (0 free, 1 held, 2 sold) ' +
      'packed four to a byte, lowest bits first, as base64. `version` is the concert’s ' +
      'availability version the states are as of: the availability stream’s `seat-changes` ' +
      'events carry what changed from there. `seatMap` is null for a concert sold by tier only.',
    access: 'session',
    params: { id: concertIdParam },
    successes: [{ status: 200, description: 'The seat map.', json: SeatMapResponseSchema }],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/concerts/:id/availability/stream',
    operationId: 'streamAvailability',
    tag: 'Concerts',
    summary: 'Live availability of one concert, as Server-Sent Events',
    description:
      'Starts with a `retry:` hint, then sends an `availability` event (its SSE `id` is the ' +
      'event’s `version`) with the full counts on connect and after every change, and keep-alive ' +
      'comments in between. A reconnect may send `Last-Event-ID`; a client drops any event whose ' +
      '`version` is not newer than what it shows. Each address may keep only so many open. ' +
      'A seated concert’s stream also sends, after its `availability` event, a `seats` event ' +
      'with every seat’s state (as `GET /api/concerts/:id/seats` packs them) on connect, and ' +
      'then `seat-changes` events listing the seats that turned free, held or sold between ' +
      'the seats as of `from` and as of `version`. A client whose seats are not as of `from` ' +
      'missed some: it reads the seat map again, or waits for the next `seats` event.',
    access: 'none',
    params: { id: concertIdParam },
    headers: {
      'Last-Event-ID': z
        .string()
        .meta({ description: 'The `version` of the last event seen, sent on reconnect.' }),
    },
    successes: [
      {
        status: 200,
        description:
          'An endless stream of `availability` events (and, for a seated concert, `seats` and ' +
          '`seat-changes` events); each `data` is one of these schemas.',
        media: 'text/event-stream',
        schema: z.union([AvailabilityEventSchema, SeatsEventSchema, SeatChangesEventSchema]),
      },
    ],
    errors: ['CONCERT_NOT_FOUND', 'RATE_LIMITED'],
  },
  {
    method: 'post',
    path: '/api/holds/checkout',
    operationId: 'checkout',
    tag: 'Holds',
    summary: 'Enter checkout: hold the chosen tickets for this session',
    description:
      'Replaces any hold the session has for the concert. The hold counts against stock until ' +
      '`expiresAt`; heartbeats keep it while the shopper is active, up to `hardCapAt`, which ' +
      'is never after the concert’s `salesEndAt`. Once sales have closed: 409 `SALES_CLOSED`. ' +
      'The tickets of one concert held at once from one client address, in all its sessions, are ' +
      'bounded (`MAX_TICKETS_HELD_PER_ADDRESS`): past that, 429 `HOLD_LIMIT_REACHED`. A session ' +
      'whose hold ran out at its `hardCapAt` may not hold the concert’s tickets again for a ' +
      'cool-down (`HOLD_CAP_COOLDOWN_MS`): 429 `HOLD_COOLDOWN` with `Retry-After`. Before ' +
      '`onSaleAt`: 409 `SALES_NOT_OPEN`. A concert with a `waitingRoom` takes the `pass` its ' +
      'waiting room gave this session once its place was let in: without a good one, 403 ' +
      '`WAITING_ROOM_PASS_REQUIRED`. In a seated tier, `seats` names the seats picked on the map ' +
      '(`GET /api/concerts/:id/seats`), each in its own tier; a seat another shopper holds or ' +
      'bought is 409 `SEATS_TAKEN`, naming it, with as many seats together nearby to offer ' +
      'instead. A seated tier asked for by quantity gets the best seats side by side in one row ' +
      '(rows best first, as the plan orders them, leaving no single seat stranded where it can), ' +
      'or 409 `NO_SEATS_TOGETHER`.',
    access: 'session',
    idempotent: true,
    writes: true,
    body: createCheckoutRequestSchema,
    successes: [{ status: 201, description: 'The tickets are held.', json: HoldResponseSchema }],
    errors: [
      'VALIDATION_FAILED',
      'WAITING_ROOM_PASS_REQUIRED',
      'CONCERT_NOT_FOUND',
      'NOT_ENOUGH_TICKETS',
      'SEATS_TAKEN',
      'NO_SEATS_TOGETHER',
      'SALES_NOT_OPEN',
      'SALES_CLOSED',
      'HOLD_LIMIT_REACHED',
      'HOLD_COOLDOWN',
    ],
  },
  {
    method: 'post',
    path: '/api/holds/heartbeat',
    operationId: 'heartbeat',
    tag: 'Holds',
    summary: 'Keep the hold while the shopper is on the page',
    description: WITHOUT_LIVE_HOLD,
    access: 'session',
    writes: true,
    body: HeartbeatRequestSchema,
    successes: [
      { status: 200, description: 'The hold, with its new expiry.', json: HoldResponseSchema },
    ],
    errors: [
      'VALIDATION_FAILED',
      'CONCERT_NOT_FOUND',
      'NO_ACTIVE_HOLD',
      'HOLD_EXPIRED',
      'SALES_CLOSED',
    ],
  },
  {
    method: 'get',
    path: '/api/holds/:concertId',
    operationId: 'getHold',
    tag: 'Holds',
    summary: 'The session’s hold for a concert',
    access: 'session',
    params: { concertId: concertIdParam },
    successes: [
      {
        status: 200,
        description: 'The live hold, or `{ "hold": null }` when the session holds nothing here.',
        json: CurrentHoldResponseSchema,
      },
    ],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/holds/:concertId',
    operationId: 'releaseHold',
    tag: 'Holds',
    summary: 'Give the held tickets back',
    access: 'session',
    writes: true,
    params: { concertId: concertIdParam },
    successes: [
      { status: 204, description: 'Released, or there was nothing to release.', empty: true },
    ],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/concerts/:id/waiting-room',
    operationId: 'joinWaitingRoom',
    tag: 'Waiting room',
    summary: 'Join a concert’s waiting room',
    description:
      'One place per session; joining again answers the place it has. Those who join before ' +
      '`onSaleAt` are given random places at it; later ones queue behind in arrival order. Places ' +
      'are let in at the room’s `admitPerMinute` from on-sale, by the clock: `admittedAt` tells ' +
      'when. Once let in, the answer carries a `pass` for this session’s checkouts.',
    access: 'session',
    writes: true,
    params: { id: concertIdParam },
    successes: [
      { status: 201, description: 'The session’s place.', json: WaitingRoomPlaceResponseSchema },
    ],
    errors: ['CONCERT_NOT_FOUND', 'NO_WAITING_ROOM', 'SALES_CLOSED'],
  },
  {
    method: 'get',
    path: '/api/concerts/:id/waiting-room',
    operationId: 'getWaitingRoomPlace',
    tag: 'Waiting room',
    summary: 'The session’s place in a concert’s waiting room',
    description:
      'Null if it has none. Once the place is let in, a fresh `pass` each time it is asked for.',
    access: 'session',
    params: { id: concertIdParam },
    successes: [
      {
        status: 200,
        description: 'The session’s place, or null.',
        json: WaitingRoomPlaceResponseSchema,
      },
    ],
    errors: ['CONCERT_NOT_FOUND', 'NO_WAITING_ROOM', 'SALES_CLOSED'],
  },
  {
    method: 'delete',
    path: '/api/concerts/:id/waiting-room',
    operationId: 'leaveWaitingRoom',
    tag: 'Waiting room',
    summary: 'Give the session’s place up',
    access: 'session',
    writes: true,
    params: { id: concertIdParam },
    successes: [{ status: 204, description: 'Given up, or there was none.', empty: true }],
    errors: ['CONCERT_NOT_FOUND', 'NO_WAITING_ROOM'],
  },
  {
    method: 'post',
    path: '/api/concerts/:id/waiting-list',
    operationId: 'joinWaitingList',
    tag: 'Waiting list',
    summary: 'Wait for a sold-out tier’s tickets to come back',
    description:
      'Only while the concert is on sale and the tier has no ticket available (409 ' +
      '`WAITING_LIST_NOT_NEEDED` otherwise); once per tier for a session and for an email ' +
      'address (409 `ALREADY_ON_WAITING_LIST`). Tickets that come back (a hold run out, a ' +
      'booking cancelled, capacity added) are kept for the list, and offered in its order to ' +
      'the first entry whose quantity fits: held for the concert’s `offerMinutes`, told to ' +
      'this session’s entries and by email with the offer’s link.',
    access: 'session',
    writes: true,
    params: { id: concertIdParam },
    body: createWaitingListJoinSchema,
    successes: [
      { status: 201, description: 'The session’s entry.', json: WaitingListEntryResponseSchema },
    ],
    errors: [
      'VALIDATION_FAILED',
      'CONCERT_NOT_FOUND',
      'SALES_NOT_OPEN',
      'SALES_CLOSED',
      'WAITING_LIST_NOT_NEEDED',
      'ALREADY_ON_WAITING_LIST',
      'SEATED_TIER',
    ],
  },
  {
    method: 'get',
    path: '/api/concerts/:id/waiting-list',
    operationId: 'getWaitingListEntries',
    tag: 'Waiting list',
    summary: 'The session’s entries on a concert’s waiting lists',
    description:
      'Those it left aside. A WAITING entry says how many are `ahead`; an OFFERED one carries ' +
      'its `offer`; an offer that ran out makes the entry LAPSED.',
    access: 'session',
    params: { id: concertIdParam },
    successes: [
      { status: 200, description: 'The entries.', json: WaitingListEntriesResponseSchema },
    ],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/concerts/:id/waiting-list/:tier',
    operationId: 'leaveWaitingList',
    tag: 'Waiting list',
    summary: 'Leave a tier’s waiting list',
    description: 'An open offer is given up too: its tickets go to the next in line.',
    access: 'session',
    writes: true,
    params: { id: concertIdParam, tier: TierCodeSchema },
    successes: [{ status: 204, description: 'Left.', empty: true }],
    errors: ['CONCERT_NOT_FOUND', 'TIER_NOT_FOUND', 'NOT_ON_WAITING_LIST'],
  },
  {
    method: 'get',
    path: '/api/offers/:token',
    operationId: 'getOffer',
    tag: 'Waiting list',
    summary: 'An offer from a waiting list, by the token of its link',
    description:
      'To whoever has the link, from any session or device; `POST /api/bookings` with the ' +
      '`offer` buys it.',
    access: 'session',
    params: { token: OfferTokenSchema },
    successes: [{ status: 200, description: 'The offer.', json: OfferResponseSchema }],
    errors: ['OFFER_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/bookings',
    operationId: 'createBooking',
    tag: 'Bookings',
    summary: 'Pay for the held tickets',
    description:
      `${WITHOUT_LIVE_HOLD} One buyer, known by the email address (normalized) and by the card ` +
      '(brand, last four digits, expiry), may buy at most the concert’s `maxTicketsPerBuyer` ' +
      'tickets across orders and sessions: past it, 409 `PURCHASE_LIMIT_REACHED` says how many ' +
      'are left, and the hold is kept. Before `onSaleAt`: 409 `SALES_NOT_OPEN`. With an `offer` ' +
      '(the token of a waiting list’s offer), it buys the tickets the offer holds instead, from ' +
      'any session: 404 `OFFER_NOT_FOUND` if there is no such offer for the concert, 410 ' +
      '`OFFER_ENDED` once it ran out, was given up or was bought.',
    access: 'session',
    idempotent: true,
    writes: true,
    body: BookingRequestSchema,
    successes: [{ status: 201, description: 'Booked.', json: BookingResponseSchema }],
    errors: [
      'VALIDATION_FAILED',
      'CONCERT_NOT_FOUND',
      'NO_ACTIVE_HOLD',
      'HOLD_EXPIRED',
      'SALES_NOT_OPEN',
      'SALES_CLOSED',
      'PURCHASE_LIMIT_REACHED',
      'PAYMENT_DECLINED',
      'OFFER_NOT_FOUND',
      'OFFER_ENDED',
    ],
  },
  {
    method: 'get',
    path: '/api/bookings',
    operationId: 'listBookings',
    tag: 'Bookings',
    summary: 'The session’s bookings, newest first',
    access: 'session',
    successes: [{ status: 200, description: 'The bookings.', json: BookingListResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/bookings/:id',
    operationId: 'getBooking',
    tag: 'Bookings',
    summary: 'One of the session’s bookings',
    access: 'session',
    params: { id: BookingIdSchema },
    successes: [{ status: 200, description: 'The booking.', json: BookingResponseSchema }],
    errors: ['BOOKING_NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/bookings/:id',
    operationId: 'cancelBooking',
    tag: 'Bookings',
    summary: 'Cancel one of the session’s bookings: its tickets go back on sale',
    description:
      'Idempotent: cancelling a cancelled booking answers it again and changes nothing. ' +
      'Possible until the concert starts.',
    access: 'session',
    writes: true,
    params: { id: BookingIdSchema },
    successes: [
      { status: 200, description: 'The cancelled booking.', json: BookingResponseSchema },
    ],
    errors: ['BOOKING_NOT_FOUND', 'BOOKING_NOT_CANCELLABLE'],
  },
  {
    method: 'post',
    path: '/api/booking-links',
    operationId: 'sendBookingLink',
    tag: 'Bookings',
    summary: 'Email a link that opens the bookings of an email address on any device',
    description:
      'The link goes to the address the bookings were bought with and works for an hour on ' +
      'whichever device follows it (`POST /api/booking-access/link`). The answer is the same ' +
      'whether or not the address has bookings: it tells nobody who bought tickets. At most 5 ' +
      'an hour per client address and per email address.',
    access: 'session',
    writes: true,
    body: BookingLinkRequestSchema,
    successes: [
      {
        status: 202,
        description: 'A link is on its way, if the address has bookings.',
        json: BookingLinkResponseSchema,
      },
    ],
    errors: ['VALIDATION_FAILED'],
  },
  {
    method: 'post',
    path: '/api/booking-access',
    operationId: 'openBookingByCode',
    tag: 'Bookings',
    summary: 'Open a booking in this session by its buyer’s email and confirmation code',
    description:
      'From then on the session lists, shows and can cancel the booking as the one that bought ' +
      'it. The code is read in any case, with or without its dash. At most 10 tries that match ' +
      'no booking an hour per client address.',
    access: 'session',
    writes: true,
    body: BookingCodeAccessSchema,
    successes: [
      {
        status: 200,
        description: 'The booking, now opened in this session.',
        json: BookingAccessResponseSchema,
      },
    ],
    errors: ['VALIDATION_FAILED', 'BOOKING_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/booking-access/link',
    operationId: 'openBookingsByLink',
    tag: 'Bookings',
    summary: 'Open the bookings of an emailed link in this session',
    description:
      'Opens every booking of the link’s email address, as `POST /api/booking-access` opens ' +
      'one. A link that was altered is 404 `BOOKING_LINK_INVALID`; one older than an hour is ' +
      '410 `BOOKING_LINK_EXPIRED`. Failed tries count as those of `POST /api/booking-access`.',
    access: 'session',
    writes: true,
    body: BookingLinkAccessSchema,
    successes: [
      {
        status: 200,
        description: 'The bookings, now opened in this session.',
        json: BookingAccessResponseSchema,
      },
    ],
    errors: ['VALIDATION_FAILED', 'BOOKING_LINK_INVALID', 'BOOKING_LINK_EXPIRED'],
  },
  {
    method: 'get',
    path: '/api/tickets/:code',
    operationId: 'getTicket',
    tag: 'Tickets',
    summary: 'A ticket, by the code its QR code holds',
    description:
      'To whoever has the code, from any session or device (a booking lists its tickets’ ' +
      'codes): the concert, the tier, the holder, and whether it was checked in. A code this ' +
      'product did not make, or one altered, is 404 `TICKET_NOT_FOUND`.',
    access: 'session',
    params: { code: TicketCodeSchema },
    successes: [{ status: 200, description: 'The ticket.', json: TicketResponseSchema }],
    errors: ['TICKET_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/concerts',
    operationId: 'createConcert',
    tag: 'Organizer',
    summary: 'Create a concert with its tiers',
    description:
      '`timeZone` is the venue’s IANA zone. `startsAt` must be after now and at most ' +
      `${MAX_YEARS_AHEAD} years ahead; \`salesEndAt\`, if sent, after now and no later than the ` +
      'start (sales end at the start otherwise).',
    access: 'organizer',
    writes: true,
    body: CreateConcertRequestSchema,
    successes: [{ status: 201, description: 'The new concert.', json: ConcertResponseSchema }],
    errors: ['VALIDATION_FAILED', 'CONCERT_ID_TAKEN'],
  },
  {
    method: 'patch',
    path: '/api/concerts/:id',
    operationId: 'updateConcert',
    tag: 'Organizer',
    summary: 'Change a concert’s settings',
    description:
      'The most tickets one buyer may buy (`maxTicketsPerBuyer`, null for no limit) applies to ' +
      'purchases from then on; tickets already bought are kept. `onSaleAt` and `waitingRoom` ' +
      'change only before sales open: after, 409 `SALES_ALREADY_OPEN`.',
    access: 'organizer',
    writes: true,
    params: { id: concertIdParam },
    body: UpdateConcertRequestSchema,
    successes: [{ status: 200, description: 'The changed concert.', json: ConcertResponseSchema }],
    errors: ['VALIDATION_FAILED', 'CONCERT_NOT_FOUND', 'SALES_ALREADY_OPEN'],
  },
  {
    method: 'patch',
    path: '/api/concerts/:id/tiers/:tier',
    operationId: 'updateTier',
    tag: 'Organizer',
    summary: 'Change a tier’s capacity or price',
    description:
      'The capacity can never go below the tickets sold plus those in live holds. A seated ' +
      'tier’s capacity is its seats on the plan: another is 409 `SEATED_TIER`.',
    access: 'organizer',
    writes: true,
    params: { id: concertIdParam, tier: TierCodeSchema },
    body: UpdateTierRequestSchema,
    successes: [{ status: 200, description: 'The changed concert.', json: ConcertResponseSchema }],
    errors: [
      'VALIDATION_FAILED',
      'CONCERT_NOT_FOUND',
      'TIER_NOT_FOUND',
      'CAPACITY_BELOW_COMMITTED',
      'SEATED_TIER',
    ],
  },
  {
    method: 'get',
    path: '/api/admin/concerts',
    operationId: 'listAllConcerts',
    tag: 'Organizer',
    summary: 'Every concert, past ones and those whose sales ended too',
    description: 'As `GET /api/concerts/{id}` answers each, with its `status`, soonest first.',
    access: 'organizer',
    successes: [{ status: 200, description: 'The concerts.', json: ConcertListResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/admin/concerts/:id/sales',
    operationId: 'getConcertSales',
    tag: 'Organizer',
    summary: 'A concert’s sales: per tier, hold outcomes and sales over time',
    access: 'organizer',
    params: { id: concertIdParam },
    successes: [{ status: 200, description: 'The sales.', json: ConcertSalesResponseSchema }],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/admin/concerts/:id/waiting-list',
    operationId: 'getOrganizerWaitingList',
    tag: 'Organizer',
    summary: 'A concert’s waiting lists: every entry and offer, each tier’s in its order',
    access: 'organizer',
    params: { id: concertIdParam },
    successes: [{ status: 200, description: 'The entries.', json: OrganizerWaitingListSchema }],
    errors: ['CONCERT_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/admin/door-keys',
    operationId: 'listDoorKeys',
    tag: 'Tickets',
    summary: 'The door keys of the day’s concerts, to check tickets with no network',
    description:
      'For the concerts starting from 12 hours ago to 48 hours from now: a door that holds a ' +
      'concert’s key checks the signature of its tickets’ codes (the last 22 characters are ' +
      'base64url of the first 16 bytes of HMAC-SHA256(key, the first 24 characters decoded)) ' +
      'while its network is down, and records the check-ins once it is back. A key makes codes ' +
      'of its own concert only. With the door token or the organizer’s.',
    access: 'door',
    successes: [{ status: 200, description: 'The keys.', json: DoorKeysResponseSchema }],
  },
  {
    method: 'post',
    path: '/api/admin/check-ins',
    operationId: 'checkInTicket',
    tag: 'Tickets',
    summary: 'Let a ticket in at a door, once',
    description:
      'The first check-in of a ticket answers it `CHECKED_IN`, with the door named in the ' +
      'request. Any later one is 409 `ALREADY_CHECKED_IN`, whose details say when and at which ' +
      'door, even from two doors at the same moment; a cancelled booking’s ticket is 409 ' +
      '`TICKET_CANCELLED`; a forged or unknown code is 404 `TICKET_NOT_FOUND`. Door staff use ' +
      'the door token (`DOOR_TOKEN`), which opens this and nothing else; the organizer’s token ' +
      'works too.',
    access: 'door',
    writes: true,
    body: CheckInRequestSchema,
    successes: [{ status: 200, description: 'Let in.', json: TicketResponseSchema }],
    errors: ['VALIDATION_FAILED', 'TICKET_NOT_FOUND', 'TICKET_CANCELLED', 'ALREADY_CHECKED_IN'],
  },
  {
    method: 'get',
    path: '/api/dev/mail',
    operationId: 'listDevMail',
    tag: 'Operations',
    summary: 'The newest messages of the mail outbox, for developers',
    description:
      'Only where no mail server is configured (`SMTP_URL`), so messages go to `.eml` files ' +
      'in `MAIL_DIR`, and the server listens on its own host alone: elsewhere this path ' +
      'answers 404. Newest first, with each message’s text, HTML and what became of it.',
    access: 'none',
    successes: [{ status: 200, description: 'The messages.', json: DevMailListSchema }],
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/dev/mail/:id/html',
    operationId: 'getDevMailHtml',
    tag: 'Operations',
    summary: 'One message of the outbox as its HTML document, for the developers’ page to frame',
    description:
      'Where `GET /api/dev/mail` exists, for the messages it lists: the HTML with its QR codes ' +
      'drawn in, under a policy of its own that lets its inline styles apply and nothing load ' +
      'or run. An id that is not a whole number is 400; any other is 404.',
    access: 'none',
    params: { id: z.string() },
    successes: [{ status: 200, description: 'The message’s HTML.', media: 'text/html' }],
    errors: ['BAD_REQUEST', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'Operations',
    summary: 'Liveness: the process is up and answering',
    access: 'none',
    successes: [{ status: 200, description: 'Up.', json: HealthResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/ready',
    operationId: 'getReadiness',
    tag: 'Operations',
    summary: 'Readiness: the database answers and its schema is current',
    access: 'none',
    successes: [
      { status: 200, description: 'Ready for traffic.', json: ReadinessResponseSchema },
      { status: 503, description: 'A check failed; see `checks`.', json: ReadinessResponseSchema },
    ],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'Operations',
    summary: 'Prometheus metrics, for operators only (keep it off the public internet)',
    access: 'none',
    successes: [
      {
        status: 200,
        description: 'The Prometheus text exposition format.',
        media: 'text/plain',
        schema: z.string(),
      },
    ],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'Documentation',
    summary: 'This document',
    access: 'none',
    successes: [
      {
        status: 200,
        description: 'The OpenAPI 3.1 document.',
        json: z.looseObject({ openapi: z.string() }),
      },
    ],
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'getReference',
    tag: 'Documentation',
    summary: 'The interactive reference of this document',
    access: 'none',
    successes: [{ status: 200, description: 'The reference page.', media: 'text/html' }],
  },
  {
    method: 'get',
    path: '/api/docs/docs.js',
    operationId: 'getReferenceScript',
    tag: 'Documentation',
    summary: 'The script that starts the reference page',
    access: 'none',
    successes: [{ status: 200, description: 'The script.', media: 'text/javascript' }],
  },
  {
    method: 'get',
    path: '/api/docs/assets/:file',
    operationId: 'getReferenceAsset',
    tag: 'Documentation',
    summary: 'A file the reference page loads: Swagger UI’s script, style sheet and icon',
    access: 'none',
    params: { file: DocsAssetSchema },
    successes: [{ status: 200, description: 'The file.', media: DOCS_ASSET_MEDIA }],
    // A file name that cannot be percent-decoded is a request Express cannot read.
    errors: ['NOT_FOUND', 'BAD_REQUEST'],
  },
];

/**
 * Every method and path the server routes (the route registry), with what each path's parameters
 * must be, for the 405 of a method a path does not take. The organizer's routes are off while its
 * API is (and the door's while neither token is set): their paths then do not exist.
 */
export function knownRoutes(
  routes: readonly ApiRoute[],
  options: { organizerApi: boolean; doorApi: boolean },
): KnownRoute[] {
  return routes.map((route) => {
    const params = OPERATIONS.find(({ operationId }) => operationId === route.operationId)?.params;
    return {
      method: route.method,
      path: route.path,
      ...(params && { params }),
      ...(route.pipeline === 'organizer' && !options.organizerApi && { off: true }),
      ...(route.pipeline === 'door' && !options.doorApi && { off: true }),
    };
  });
}

// Longer than most files: one pass from the operations table to the OpenAPI document, kept
// together so that every response an operation may give is decided in one place.
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiHeadersObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import {
  AvailabilityEventSchema,
  BookingSchema,
  CapacityShortfallSchema,
  ConcertSchema,
  ErrorBodySchema,
  type ErrorCode,
  ErrorCodeSchema,
  FieldIssueSchema,
  HoldLimitSchema,
  PurchaseLimitSchema,
  CheckedInSchema,
  HoldSchema,
  ERROR_STATUS,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyKeySchema,
  TicketShortfallSchema,
  SeatsTakenSchema,
  SeatsApartSchema,
} from '@ticket-booking/shared';
import { REQUEST_ID_HEADER } from '../http/request-logging.js';
import { SESSION_COOKIE } from '../modules/sessions/session.middleware.js';
import { OPERATIONS, type Operation, type OrderLimits } from './operations.js';

/** Whatever the route, a failure of ours is a 500 without details. */
const EVERY_ROUTE: ErrorCode[] = ['INTERNAL_ERROR'];
/** Routes behind the session middleware or the organizer's token read any JSON body sent. */
const BEHIND_SESSIONS: ErrorCode[] = [
  'BAD_REQUEST',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
];
const WRITES: ErrorCode[] = ['RATE_LIMITED', 'BUSY'];
/** Without a configured token the organizer's paths do not exist; with one, it is checked. */
const ORGANIZER: ErrorCode[] = ['NOT_FOUND', 'UNAUTHORIZED'];
const IDEMPOTENT: ErrorCode[] = ['VALIDATION_FAILED', 'IDEMPOTENCY_KEY_REUSED'];

/** Every error code one operation can answer, its own and the ones its routing adds. */
export function errorCodesOf(operation: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>([
    ...(operation.errors ?? []),
    ...(operation.access === 'none' ? [] : BEHIND_SESSIONS),
    ...(operation.access === 'organizer' || operation.access === 'door' ? ORGANIZER : []),
    ...(operation.writes ? WRITES : []),
    ...(operation.idempotent ? IDEMPOTENT : []),
    ...EVERY_ROUTE,
  ]);
  return ErrorCodeSchema.options.filter((code) => codes.has(code));
}

/** `/api/holds/:concertId` as OpenAPI writes it: `/api/holds/{concertId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

const ORGANIZER_SCHEME = 'organizer';
const DOOR_SCHEME = 'door';
const RETRY_AFTER = 'Retry-After';

const RESPONSE_HEADERS = {
  requestId: z.string().meta({
    description: 'The request’s id, as sent by the caller when well formed; it is in the logs.',
  }),
  setCookie: z.string().meta({
    description: `Sets \`${SESSION_COOKIE}\` when the request had no valid session cookie.`,
  }),
  retryAfter: z.string().meta({ description: 'Seconds to wait before trying again.' }),
  rateLimit: z.string().meta({
    description: 'The write limit’s state (IETF RateLimit header fields, draft 8).',
  }),
  replayed: z.literal('true').meta({
    description: 'This answer was given before to the same Idempotency-Key and is replayed.',
  }),
};

/** The errors that tell the client how long to back off. */
const BACK_OFF: ErrorCode[] = ['RATE_LIMITED', 'BUSY', 'HOLD_COOLDOWN'];

function responseHeaders(operation: Operation, codes: ErrorCode[] = []): ZodOpenApiHeadersObject {
  const headers: Record<string, z.ZodType> = { [REQUEST_ID_HEADER]: RESPONSE_HEADERS.requestId };
  if (operation.access === 'session') {
    headers['Set-Cookie'] = RESPONSE_HEADERS.setCookie.optional();
  }
  if (operation.writes) {
    headers.RateLimit = RESPONSE_HEADERS.rateLimit.optional();
    headers['RateLimit-Policy'] = RESPONSE_HEADERS.rateLimit.optional();
  }
  // The cap on a client's open streams cannot tell when one of them will close: its 429 says
  // only to close some.
  const backOff = codes.filter((code) => !(isStream(operation) && code === 'RATE_LIMITED'));
  // Required where every error of the status says when to come back; a 429 that may also be
  // HOLD_LIMIT_REACHED (wait for tickets held to be bought or released) may not carry it.
  if (backOff.length > 0 && backOff.every((code) => BACK_OFF.includes(code))) {
    headers[RETRY_AFTER] = RESPONSE_HEADERS.retryAfter;
  } else if (backOff.some((code) => BACK_OFF.includes(code))) {
    headers[RETRY_AFTER] = RESPONSE_HEADERS.retryAfter.optional();
  }
  if (operation.idempotent) {
    headers[IDEMPOTENT_REPLAYED_HEADER] = RESPONSE_HEADERS.replayed.optional();
  }
  return z.object(headers);
}

/** What the `details` list of each error code holds, where it has one. */
const DETAILS_OF_ERROR: Partial<Record<ErrorCode, z.ZodType>> = {
  VALIDATION_FAILED: FieldIssueSchema,
  PAYMENT_DECLINED: FieldIssueSchema,
  NOT_ENOUGH_TICKETS: TicketShortfallSchema,
  SEATS_TAKEN: SeatsTakenSchema,
  NO_SEATS_TOGETHER: SeatsApartSchema,
  HOLD_LIMIT_REACHED: HoldLimitSchema,
  PURCHASE_LIMIT_REACHED: PurchaseLimitSchema,
  CAPACITY_BELOW_COMMITTED: CapacityShortfallSchema,
  ALREADY_CHECKED_IN: CheckedInSchema,
};

/**
 * The shared error body, with `code` narrowed to the codes this response can carry and
 * `details` to what their lists hold.
 */
function errorBodyFor(codes: ErrorCode[]): z.ZodType {
  const details = [...new Set(codes.flatMap((code) => DETAILS_OF_ERROR[code] ?? []))];
  const [first, ...more] = details;
  const narrowed = z.looseObject({
    code: z.enum(codes),
    ...(first && {
      details: z.array(more.length > 0 ? z.union([first, ...more]) : first).optional(),
    }),
  });
  return ErrorBodySchema.and(z.looseObject({ error: narrowed }));
}

function isStream(operation: Operation): boolean {
  return operation.successes.some(
    (success) => 'media' in success && success.media === 'text/event-stream',
  );
}

function responsesOf(operation: Operation): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const success of operation.successes) {
    const headers = responseHeaders(operation);
    if ('json' in success) {
      responses[success.status] = {
        description: success.description,
        headers,
        content: { 'application/json': { schema: success.json } },
      };
    } else if ('media' in success) {
      const media = typeof success.media === 'string' ? [success.media] : success.media;
      const content = success.schema ? { schema: success.schema } : {};
      responses[success.status] = {
        description: success.description,
        headers,
        content: Object.fromEntries(media.map((type) => [type, content])),
      };
    } else {
      responses[success.status] = { description: success.description, headers };
    }
  }
  // Express answers a conditional GET itself; the streams are answered before Express.
  if (operation.method === 'get' && !isStream(operation)) {
    responses['304'] = {
      description:
        'Not Modified: only to a conditional request (`If-None-Match: *`, or for a file ' +
        '`If-None-Match` or `If-Modified-Since`).',
      headers: responseHeaders(operation),
    };
  }
  // Node's own answer, without a body, to a request that does not arrive in time: any operation.
  responses['408'] = {
    description:
      'Request Timeout: the request, headers and body, did not arrive within the server’s ' +
      '`REQUEST_TIMEOUT_MS`. Node answers it without a body and closes the connection.',
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(operation)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `An error: ${codes.map((code) => `\`${code}\``).join(', ')}.`,
      headers: responseHeaders(operation, codes),
      content: { 'application/json': { schema: errorBodyFor(codes) } },
    };
  }
  return responses;
}

/**
 * Only the organizer's operations need a credential. A shopper's session cookie is optional (one
 * is issued to a request without it) and no client sets it by hand, so it is no security
 * requirement: as one, it put a lock on every public operation of the reference.
 */
function securityOf(operation: Operation): ZodOpenApiOperationObject['security'] {
  if (operation.access === 'door') return [{ [DOOR_SCHEME]: [] }, { [ORGANIZER_SCHEME]: [] }];
  return operation.access === 'organizer' ? [{ [ORGANIZER_SCHEME]: [] }] : [];
}

function operationObject(operation: Operation, limits: OrderLimits): ZodOpenApiOperationObject {
  const header: Record<string, z.ZodType> = {
    [REQUEST_ID_HEADER]: RESPONSE_HEADERS.requestId.optional(),
  };
  if (operation.idempotent) {
    header[IDEMPOTENCY_KEY_HEADER] = IdempotencyKeySchema.meta({
      description:
        'Made up by the client for one attempt (a random UUID): sending the same request with ' +
        'the same key again does it once and replays the first answer.',
    }).optional();
  }
  for (const [name, schema] of Object.entries(operation.headers ?? {})) {
    header[name] = schema.optional();
  }
  const body = typeof operation.body === 'function' ? operation.body(limits) : operation.body;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.description,
    security: securityOf(operation),
    requestParams: {
      ...(operation.params && { path: z.object(operation.params) }),
      header: z.object(header),
    },
    requestBody: body && {
      required: true,
      content: { 'application/json': { schema: body } },
    },
    responses: responsesOf(operation),
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the shared schemas and `OPERATIONS`.
 * The checkout body depends on the per-order limit, so the document is built for a config.
 */
export function createApiDocument(
  limits: OrderLimits,
  operations: Operation[] = OPERATIONS,
): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const path = openApiPath(operation.path);
    paths[path] = { ...paths[path], [operation.method]: operationObject(operation, limits) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Ticket booking API',
      version: '1',
      description:
        'Concert ticketing checkout: live availability, checkout-time holds, bookings. Every ' +
        'error is a JSON `ErrorBody` whose `code` a client switches on; the message is for ' +
        'people, and `details`, where there are some, is a list.\n\n' +
        `A shopper is a session: the signed \`${SESSION_COOKIE}\` cookie, which the server sets ` +
        'on the first answer to a request without a valid one. A browser sends it by itself; ' +
        'another client keeps it as a browser would. The organizer’s operations take a bearer ' +
        'token instead.',
    },
    // Relative: the document describes the server it is served from.
    servers: [{ url: '/', description: 'The server this document came from' }],
    tags: [
      { name: 'Concerts', description: 'What is on sale, and each tier’s live counts.' },
      {
        name: 'Holds',
        description: 'Entering checkout holds the tickets; heartbeats keep them while it is open.',
      },
      { name: 'Bookings', description: 'Paying for the held tickets, and what was bought.' },
      {
        name: 'Waiting room',
        description: 'A fair line for on-sale moments: random places for early joiners.',
      },
      {
        name: 'Waiting list',
        description: 'Sold out: tickets that come back are offered to those waiting, in turn.',
      },
      {
        name: 'Tickets',
        description:
          'Each admission of a booking, by its signed code, and checking it in at a door.',
      },
      {
        name: 'Organizer',
        description: 'Putting concerts on sale and watching their sales, with `ADMIN_TOKEN`.',
      },
      { name: 'Operations', description: 'Probes and metrics for the people who run the server.' },
      { name: 'Documentation', description: 'This document and its interactive reference.' },
    ],
    paths,
    components: {
      schemas: {
        ErrorBody: ErrorBodySchema,
        ErrorCode: ErrorCodeSchema,
        FieldIssue: FieldIssueSchema,
        TicketShortfall: TicketShortfallSchema,
        SeatsTaken: SeatsTakenSchema,
        SeatsApart: SeatsApartSchema,
        CapacityShortfall: CapacityShortfallSchema,
        HoldLimit: HoldLimitSchema,
        PurchaseLimit: PurchaseLimitSchema,
        CheckedIn: CheckedInSchema,
        Concert: ConcertSchema,
        Hold: HoldSchema,
        Booking: BookingSchema,
        AvailabilityEvent: AvailabilityEventSchema,
      },
      securitySchemes: {
        [ORGANIZER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The organizer’s token, `ADMIN_TOKEN` in the server’s environment. Without one ' +
            'configured, the organizer’s paths answer 404; a missing or wrong token is 401.',
        },
        [DOOR_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The door staff’s token, `DOOR_TOKEN` in the server’s environment: it checks tickets ' +
            'in and opens nothing else. Without it or `ADMIN_TOKEN`, check-in answers 404.',
        },
      },
    },
  });
}

import http from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { parse as parseCookies } from 'cookie';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  BookingListResponseSchema,
  BookingResponseSchema,
  ConcertListResponseSchema,
  ConcertResponseSchema,
  ConcertSalesResponseSchema,
  CurrentHoldResponseSchema,
  DECLINED_TEST_CARD,
  ErrorBodySchema,
  type ErrorCode,
  FieldIssueSchema,
  HealthResponseSchema,
  HoldResponseSchema,
  ReadinessResponseSchema,
  WaitingRoomPlaceResponseSchema,
} from '@ticket-booking/shared';
import { SESSION_COOKIE } from '../modules/sessions/session.middleware.js';
import {
  anyJson,
  FUZZ_TIMEOUT_MS,
  fuzzParameters,
  headerValue,
  hugeHeaderValue,
  isSameFieldOrRelated,
  LIBRARY_WORDING,
  mutationOf,
  oddKey,
  oddPathSegment,
  oddQuery,
  oddValue,
} from '../test/fuzz-arbitraries.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../test/test-config.js';
import { storedEverything, storedHolds } from '../test/inspect.js';
import { sendAndHangUp, sendRaw, type RawResponse } from '../test/raw-http.js';
import type { Shopper } from '../test/shopper.js';
import { startTestApp, type TestApp, type TestConcert } from '../test/test-app.js';

/**
 * Thousands of generated requests against every endpoint, sent over real HTTP. Whatever is sent,
 * the API never answers 5xx, never leaks internals, answers every 4xx with its JSON error body
 * (naming the field a validation failure is about), and a request it refuses changes nothing.
 */
const CONCERT = 'test-concert';
const OTHER_CONCERT = 'second-show';
const QUEUE_CONCERT = 'queue-show';
const CONCERTS: TestConcert[] = [
  {
    id: CONCERT,
    tiers: [
      { code: 'vip', total: 1_000 },
      { code: 'front-row', total: 1_000 },
      { code: 'ga', total: 100_000 },
      { code: 'last-one', total: 1 },
    ],
  },
  { id: OTHER_CONCERT, tiers: [{ code: 'ga', total: 100_000 }] },
  // Its places are let in as they join.
  { id: QUEUE_CONCERT, tiers: [{ code: 'ga', total: 10 }], admitPerMinute: 100_000 },
];
const TIER_CODES = ['vip', 'front-row', 'ga', 'last-one'];

const concertId = fc.constantFrom(CONCERT, OTHER_CONCERT);

/** The app is started with it, so the organizer's endpoints exist and are fuzzed with it. */
const ADMIN_TOKEN = 'fuzz-organizer-token-0123456789-abcdef';
/** The organizer's tier to change: one no holder or booking in the world depends on. */
const ORGANIZER_TIER = 'ga';

/** Mostly the right token; otherwise none, a near miss, another scheme or garbage. */
const organizerAuthorization: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${ADMIN_TOKEN}`) },
  fc.constant(undefined),
  fc.constantFrom(
    `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
    `Bearer ${ADMIN_TOKEN}x`,
    `bearer ${ADMIN_TOKEN}`,
    `Basic ${ADMIN_TOKEN}`,
    ADMIN_TOKEN,
    'Bearer',
    'Bearer ',
  ),
  headerValue(),
);

const createConcertBody = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/),
    name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((name) => {
      const length = name.trim().length;
      return length > 0 && length <= 120;
    }),
    artist: fc.constantFrom('Neon Harbor', 'Ada & the Lindqvists'),
    venue: fc.constantFrom('Pier 9', 'Test Hall'),
    timeZone: fc.constantFrom('Europe/Paris', 'America/Los_Angeles', 'Asia/Kolkata', 'UTC'),
    // Within the three years ahead the server takes, by the fake clock (15 January 2030).
    startsAt: fc
      .date({
        min: new Date('2030-02-01T00:00:00Z'),
        max: new Date('2032-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString()),
    maxTicketsPerBuyer: fc.option(fc.integer({ min: 1, max: 1_000 })),
    tiers: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom(...TIER_CODES, 'balcony'),
        name: fc.constantFrom('VIP', 'General admission'),
        priceCents: fc.integer({ min: 0, max: 100_000 }),
        currency: fc.constant('EUR'),
        capacity: fc.integer({ min: 1, max: 100_000 }),
      }),
      { selector: (tier) => tier.code, minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['name', 'artist', 'venue', 'timeZone', 'startsAt', 'tiers'] },
);

const updateTierBody = fc
  .record(
    {
      capacity: fc.integer({ min: 0, max: 200_000 }),
      priceCents: fc.integer({ min: 0, max: 100_000 }),
    },
    { requiredKeys: [] },
  )
  .filter((body) => Object.keys(body).length > 0);

const updateConcertBody = fc.record({
  maxTicketsPerBuyer: fc.option(fc.integer({ min: 1, max: 1_000 })),
});

const checkoutBody = fc.record({
  concertId,
  items: fc.uniqueArray(
    fc.record({ tier: fc.constantFrom(...TIER_CODES), quantity: fc.integer({ min: 1, max: 5 }) }),
    { selector: (item) => item.tier, minLength: 1, maxLength: 2 },
  ),
});

const heartbeatBody = fc.record(
  { concertId, active: fc.boolean(), visible: fc.boolean(), leaving: fc.boolean() },
  { requiredKeys: ['concertId', 'active', 'visible'] },
);

const bookingBody = fc.record({
  concertId,
  buyer: fc.record({
    name: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
      .filter((name) => name.trim().length > 0 && name.trim().length <= 120),
    email: fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('example.com', 'mail.test.org'))
      .map(([local, domain]) => `${local}@${domain}`),
  }),
  payment: fc.record({
    cardNumber: fc.constantFrom(
      '4242 4242 4242 4242',
      '4242424242424242',
      '5555-5555-5555-4444',
      '378282246310005',
      DECLINED_TEST_CARD,
    ),
    expiry: fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 31, max: 49 }))
      .map(([month, year]) => `${String(month).padStart(2, '0')}/${year}`),
    cvc: fc.stringMatching(/^\d{3,4}$/),
  }),
});

interface World {
  app: TestApp;
  /** A shopper with a live hold and a booking, whose things other sessions must not touch. */
  holder: { shopper: Shopper; token: string; sessionId: string; bookingId: string };
  /** A valid session that holds nothing. */
  strangerToken: string;
}

/**
 * What a success looks like: a JSON body of this schema, an event stream, nothing, or a file of
 * the API reference page (HTML, a script, a style sheet or an icon).
 */
type Success = z.ZodType | 'event-stream' | 'no-content' | 'page';

interface Endpoint {
  method: string;
  /** `:name` segments are path parameters. */
  path: string;
  /** Valid values of each path parameter. */
  params?: Record<string, (world: World) => string>;
  /** Valid bodies, for an endpoint that takes one. */
  body?: fc.Arbitrary<object>;
  /** Fields of the body that may be left out. */
  optional?: string[];
  success: Success;
  /** Routed before sessions: it neither needs a session cookie nor sets one. */
  sessionless?: boolean;
  /** The organizer's: called with `Authorization: Bearer <ADMIN_TOKEN>`. */
  organizer?: boolean;
}

const OpenApiSchema = z.looseObject({ openapi: z.literal('3.1.0'), paths: z.looseObject({}) });

/** Every endpoint of the API. A new one is one entry here, and every property below covers it. */
const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/api/concerts', success: ConcertListResponseSchema },
  {
    method: 'GET',
    path: '/api/concerts/:id',
    params: { id: () => CONCERT },
    success: ConcertResponseSchema,
  },
  {
    method: 'GET',
    path: '/api/concerts/:id/availability/stream',
    params: { id: () => CONCERT },
    success: 'event-stream',
    sessionless: true,
  },
  {
    method: 'POST',
    path: '/api/holds/checkout',
    body: checkoutBody,
    success: HoldResponseSchema,
  },
  {
    method: 'POST',
    path: '/api/holds/heartbeat',
    body: heartbeatBody,
    optional: ['leaving'],
    success: HoldResponseSchema,
  },
  {
    method: 'GET',
    path: '/api/holds/:concertId',
    params: { concertId: () => CONCERT },
    success: CurrentHoldResponseSchema,
  },
  {
    method: 'DELETE',
    path: '/api/holds/:concertId',
    params: { concertId: () => CONCERT },
    success: 'no-content',
  },
  {
    method: 'POST',
    path: '/api/concerts/:id/waiting-room',
    params: { id: () => QUEUE_CONCERT },
    success: WaitingRoomPlaceResponseSchema,
  },
  {
    method: 'GET',
    path: '/api/concerts/:id/waiting-room',
    params: { id: () => QUEUE_CONCERT },
    success: WaitingRoomPlaceResponseSchema,
  },
  {
    method: 'DELETE',
    path: '/api/concerts/:id/waiting-room',
    params: { id: () => QUEUE_CONCERT },
    success: 'no-content',
  },
  { method: 'POST', path: '/api/bookings', body: bookingBody, success: BookingResponseSchema },
  { method: 'GET', path: '/api/bookings', success: BookingListResponseSchema },
  {
    method: 'GET',
    path: '/api/bookings/:id',
    params: { id: (world) => world.holder.bookingId },
    success: BookingResponseSchema,
  },
  {
    method: 'POST',
    path: '/api/concerts',
    body: createConcertBody,
    optional: ['id', 'maxTicketsPerBuyer'],
    success: ConcertResponseSchema,
    sessionless: true,
    organizer: true,
  },
  {
    method: 'PATCH',
    path: '/api/concerts/:id',
    params: { id: () => CONCERT },
    body: updateConcertBody,
    success: ConcertResponseSchema,
    sessionless: true,
    organizer: true,
  },
  {
    method: 'PATCH',
    path: '/api/concerts/:id/tiers/:tier',
    params: { id: () => CONCERT, tier: () => ORGANIZER_TIER },
    body: updateTierBody,
    optional: ['capacity', 'priceCents'],
    success: ConcertResponseSchema,
    sessionless: true,
    organizer: true,
  },
  {
    method: 'GET',
    path: '/api/admin/concerts',
    success: ConcertListResponseSchema,
    sessionless: true,
    organizer: true,
  },
  {
    method: 'GET',
    path: '/api/admin/concerts/:id/sales',
    params: { id: () => CONCERT },
    success: ConcertSalesResponseSchema,
    sessionless: true,
    organizer: true,
  },
  {
    method: 'DELETE',
    path: '/api/bookings/:id',
    params: { id: (world) => world.holder.bookingId },
    success: BookingResponseSchema,
  },
  { method: 'GET', path: '/api/health', success: HealthResponseSchema, sessionless: true },
  { method: 'GET', path: '/api/ready', success: ReadinessResponseSchema, sessionless: true },
  { method: 'GET', path: '/api/openapi.json', success: OpenApiSchema, sessionless: true },
  { method: 'GET', path: '/api/docs', success: 'page', sessionless: true },
  { method: 'GET', path: '/api/docs/docs.js', success: 'page', sessionless: true },
  {
    method: 'GET',
    path: '/api/docs/assets/:file',
    params: { file: () => 'favicon-32x32.png' },
    success: 'page',
    sessionless: true,
  },
];

const byRoute = new Map(ENDPOINTS.map((endpoint) => [routeOf(endpoint), endpoint]));

function routeOf(endpoint: Endpoint): string {
  return `${endpoint.method} ${endpoint.path}`;
}

/** Each endpoint's path as Express matches it: any case, with or without a trailing slash. */
const PATH_MATCHERS = ENDPOINTS.map((endpoint) => ({
  method: endpoint.method,
  matcher: new RegExp(`^${endpoint.path.replace(/:\w+/g, '[^/]+')}/?$`, 'i'),
}));

/** What `Allow` lists for a path with valid parameters: every method an endpoint takes on it. */
function allowOf(path: string): string {
  const taken = new Set(
    PATH_MATCHERS.filter(({ matcher }) => matcher.test(path.split('?')[0] ?? '')).map(
      ({ method }) => method,
    ),
  );
  if (taken.has('GET')) taken.add('HEAD');
  return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => taken.has(m)).join(', ');
}

/** Headers a client might send, with values to try for each. A new header is one line here. */
const HEADERS: Record<string, fc.Arbitrary<string>> = {
  accept: fc.oneof(
    fc.constantFrom(
      '*/*',
      'application/json',
      'text/html',
      'text/event-stream',
      'application/json;q=0',
      '',
    ),
    headerValue(),
  ),
  'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', '*', 'x-unknown'),
  'last-event-id': fc.oneof(
    fc.constantFrom('0', '-1', '1e3', '999999999999999', '99999999999999999999', ''),
    fc.nat().map(String),
    headerValue(),
  ),
  'if-none-match': fc.constantFrom('*', 'W/"x"'),
  'if-modified-since': fc.constantFrom('Thu, 01 Jan 2099 00:00:00 GMT', 'garbage'),
  range: fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=abc'),
  origin: fc.constantFrom('https://evil.example', 'null'),
  host: fc.constantFrom('evil.example', 'a'.repeat(300), '[::1]:99999', '127.0.0.1:1'),
  'x-forwarded-for': fc.oneof(fc.ipV4(), headerValue()),
  'x-http-method-override': fc.constantFrom('DELETE', 'PUT', 'GET'),
  // Node answers any other expectation with a bare 417 before the app sees the request.
  expect: fc.constant('100-continue'),
  upgrade: fc.constantFrom('websocket', 'h2c'),
  'user-agent': fc.oneof(headerValue(), hugeHeaderValue),
  'x-padding': hugeHeaderValue,
  'x-request-id': fc.oneof(fc.constantFrom('', 'a'.repeat(129), 'id with spaces'), headerValue()),
  'idempotency-key': fc.oneof(fc.constantFrom('', 'k'.repeat(256), 'é'), headerValue()),
  authorization: fc.oneof(organizerAuthorization, headerValue()).map((value) => value ?? ''),
};

const oddHeaders = fc.record(HEADERS, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;

const base64url22 = fc.stringMatching(/^[A-Za-z0-9_-]{22}$/);

/** Which session cookie a request carries, as data, resolved against the world when sent. */
type CookiePlan =
  | { kind: 'none' }
  | { kind: 'holder' }
  | { kind: 'stranger' }
  | { kind: 'holder truncated'; keep: number }
  | { kind: 'holder id, forged signature'; signature: string }
  | { kind: 'holder with one character changed'; at: number; char: string }
  | { kind: 'made-up token'; token: string }
  | { kind: 'garbage'; header: string }
  | { kind: 'garbage, then holder'; junk: string }
  | { kind: 'holder, then garbage'; junk: string }
  | { kind: 'holder quoted' }
  | { kind: 'holder among other cookies'; before: string; after: string };

const usualCookie: fc.Arbitrary<CookiePlan> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'holder' as const }) },
  fc.constant({ kind: 'stranger' as const }),
  fc.constant({ kind: 'none' as const }),
);

const oddCookie: fc.Arbitrary<CookiePlan> = fc.oneof(
  usualCookie,
  fc.record({ kind: fc.constant('holder truncated' as const), keep: fc.nat({ max: 44 }) }),
  fc.record({ kind: fc.constant('holder id, forged signature' as const), signature: base64url22 }),
  fc.record({
    kind: fc.constant('holder with one character changed' as const),
    at: fc.nat({ max: 44 }),
    char: fc.constantFrom('A', '-', '_', '.', '%', '=', ' ', ';'),
  }),
  fc.record({
    kind: fc.constant('made-up token' as const),
    token: fc.tuple(base64url22, base64url22).map(([id, mac]) => `${id}.${mac}`),
  }),
  fc.record({
    kind: fc.constant('garbage' as const),
    header: fc.oneof(headerValue(), hugeHeaderValue),
  }),
  fc.record({ kind: fc.constant('garbage, then holder' as const), junk: headerValue(40) }),
  fc.record({ kind: fc.constant('holder, then garbage' as const), junk: headerValue(40) }),
  fc.constant({ kind: 'holder quoted' as const }),
  fc.record({
    kind: fc.constant('holder among other cookies' as const),
    before: fc.constantFrom('', 'a=b; ', 'x=%ZZ; ', '=; ', ';;; '),
    after: fc.constantFrom('', '; c=d', '; tb_session', '; __proto__=1'),
  }),
);

function cookieHeader(plan: CookiePlan, world: World): string | undefined {
  const holder = world.holder.token;
  const jar = (value: string) => `${SESSION_COOKIE}=${value}`;
  switch (plan.kind) {
    case 'none':
      return undefined;
    case 'holder':
      return jar(holder);
    case 'stranger':
      return jar(world.strangerToken);
    case 'holder truncated':
      return jar(holder.slice(0, plan.keep));
    case 'holder id, forged signature':
      return jar(`${world.holder.sessionId}.${plan.signature}`);
    case 'holder with one character changed':
      return jar(holder.slice(0, plan.at) + plan.char + holder.slice(plan.at + 1));
    case 'made-up token':
      return jar(plan.token);
    case 'garbage':
      return plan.header;
    case 'garbage, then holder':
      return `${jar(plan.junk)}; ${jar(holder)}`;
    case 'holder, then garbage':
      return `${jar(holder)}; ${jar(plan.junk)}`;
    case 'holder quoted':
      return jar(`"${holder}"`);
    case 'holder among other cookies':
      return `${plan.before}${jar(holder)}${plan.after}`;
  }
}

type Compression = 'identity' | 'gzip' | 'deflate' | 'br';

/** The body of a request, as data. */
type BodyPlan =
  | { kind: 'none' }
  | {
      kind: 'json';
      value: unknown;
      contentType: string;
      compression: Compression;
      chunked: boolean;
    }
  | {
      kind: 'raw';
      bytes: string | Uint8Array;
      contentType: string | undefined;
      contentEncoding: string | undefined;
      chunked: boolean;
    };

const JSON_TYPE = 'application/json';

const PLAIN_JSON = {
  kind: 'json',
  contentType: JSON_TYPE,
  compression: 'identity',
  chunked: false,
} as const;

function jsonBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPlan> {
  return value.map((json) => ({ ...PLAIN_JSON, value: json }));
}

/** A JSON body dressed in every way a client may send one, right or wrong. */
function dressedJsonBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<BodyPlan> {
  return fc.record({
    kind: fc.constant('json' as const),
    value,
    contentType: fc.constantFrom(
      JSON_TYPE,
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset="UTF-8"',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; foo=bar',
      'application/json; charset',
      'application/json;;',
      'application/vnd.api+json',
      'text/json',
    ),
    compression: fc.constantFrom<Compression>('identity', 'gzip', 'deflate', 'br'),
    chunked: fc.boolean(),
  });
}

/** Inflates past the 16 kB body limit from a few hundred bytes on the wire. */
const GZIP_BOMB = gzipSync(JSON.stringify({ concertId: CONCERT, padding: 'x'.repeat(1_000_000) }));

const VALID_CHECKOUT_TEXT = JSON.stringify({
  concertId: CONCERT,
  items: [{ tier: 'vip', quantity: 1 }],
});

const rawText: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.nat({ max: VALID_CHECKOUT_TEXT.length }).map((end) => VALID_CHECKOUT_TEXT.slice(0, end)),
  fc.constantFrom(
    'null',
    '[]',
    '"x"',
    '1',
    'true',
    '{}',
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"admin":true}}}',
    `${VALID_CHECKOUT_TEXT}junk`,
    `\ufeff${VALID_CHECKOUT_TEXT}`,
    `${VALID_CHECKOUT_TEXT.slice(0, -1)},"concertId":"x"}`,
    '{"concertId": "test-concert" /* comment */}',
    "{'concertId': 'test-concert'}",
    'concertId=test-concert&items=vip',
  ),
  fc.integer({ min: 1, max: 5000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 5000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 1, max: 8000 }).map((depth) => '['.repeat(depth)),
);

const rawBody: fc.Arbitrary<BodyPlan> = fc.oneof(
  fc.record({
    kind: fc.constant('raw' as const),
    bytes: rawText,
    contentType: fc.oneof(
      fc.constantFrom(
        undefined,
        '',
        JSON_TYPE,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/json; charset=latin1',
        'application/*',
        '*/*',
        'json',
        ';;;',
      ),
      headerValue(60),
    ),
    contentEncoding: fc.constantFrom(
      undefined,
      'identity',
      'gzip',
      'deflate',
      'br',
      'gzip, deflate',
      'x-unknown',
      'GZIP',
    ),
    chunked: fc.boolean(),
  }),
  fc.constant<BodyPlan>({
    kind: 'raw',
    bytes: GZIP_BOMB,
    contentType: JSON_TYPE,
    contentEncoding: 'gzip',
    chunked: false,
  }),
);

type ParamPlan = { kind: 'valid' } | { kind: 'odd'; segment: string };

/** One generated request, as data: what fast-check prints when a property fails. */
interface Plan {
  method: string;
  /** The endpoint whose path is used, by `METHOD /path`, or a path of its own. */
  route: string;
  params: Record<string, ParamPlan>;
  query: string;
  cookie: CookiePlan;
  /** The organizer's `Authorization` header, right or wrong; odd `headers` override it. */
  authorization?: string | undefined;
  headers: Record<string, string>;
  body: BodyPlan;
  /** The field a near-valid body got wrong, which a validation error must name. */
  changedField?: string;
  /** The body gained a field it may not have or lost one it must have: a 400 for sure. */
  mustBeRefused?: boolean;
  /** The one answer this request must get, where there is only one. */
  expected?: { status: number; code: ErrorCode };
}

interface PlanOptions {
  endpoints: Endpoint[];
  body: (endpoint: Endpoint) => fc.Arbitrary<Pick<Plan, 'body' | 'changedField' | 'mustBeRefused'>>;
  params?: fc.Arbitrary<ParamPlan>;
  query?: fc.Arbitrary<string>;
  cookie?: fc.Arbitrary<CookiePlan>;
  headers?: fc.Arbitrary<Record<string, string>>;
  method?: (endpoint: Endpoint) => fc.Arbitrary<string>;
}

const VALID_PARAM: ParamPlan = { kind: 'valid' };

function plans(options: PlanOptions): fc.Arbitrary<Plan> {
  return fc.constantFrom(...options.endpoints).chain((endpoint) =>
    fc
      .record({
        method: options.method?.(endpoint) ?? fc.constant(endpoint.method),
        params: fc.record(
          Object.fromEntries(
            Object.keys(endpoint.params ?? {}).map((name) => [
              name,
              options.params ?? fc.constant(VALID_PARAM),
            ]),
          ),
        ),
        query: options.query ?? fc.constant(''),
        cookie: options.cookie ?? usualCookie,
        authorization: endpoint.organizer ? organizerAuthorization : fc.constant(undefined),
        headers: options.headers ?? fc.constant({}),
        sent: options.body(endpoint),
      })
      .map(({ sent, ...plan }) => ({ ...plan, route: routeOf(endpoint), ...sent })),
  );
}

function noBody(): fc.Arbitrary<{ body: BodyPlan }> {
  return fc.constant({ body: { kind: 'none' } });
}

/** The endpoint's own kind of body: a valid one if it takes one, none otherwise. */
function validBodyOf(endpoint: Endpoint): fc.Arbitrary<{ body: BodyPlan }> {
  return endpoint.body
    ? dressedJsonBody(endpoint.body).map((body) => ({ body }))
    : fc.constant({ body: { kind: 'none' } });
}

function pathOf(plan: Plan, world: World): string {
  const endpoint = byRoute.get(plan.route);
  if (!endpoint) return plan.route.slice(plan.route.indexOf(' ') + 1) + plan.query;
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => {
    const param = plan.params[name];
    return param?.kind === 'odd' ? param.segment : (endpoint.params?.[name]?.(world) ?? '');
  });
  return path + plan.query;
}

function encodedBody(plan: BodyPlan): {
  bytes?: Buffer;
  headers: Record<string, string>;
} {
  if (plan.kind === 'none') return { headers: {} };
  const headers: Record<string, string> = {};
  if (plan.chunked) headers['transfer-encoding'] = 'chunked';
  if (plan.kind === 'raw') {
    if (plan.contentType !== undefined) headers['content-type'] = plan.contentType;
    if (plan.contentEncoding !== undefined) headers['content-encoding'] = plan.contentEncoding;
    return { bytes: Buffer.from(plan.bytes), headers };
  }
  headers['content-type'] = plan.contentType;
  const text = Buffer.from(JSON.stringify(plan.value));
  const compress = {
    identity: undefined,
    gzip: gzipSync,
    deflate: deflateSync,
    br: brotliCompressSync,
  }[plan.compression];
  if (!compress) return { bytes: text, headers };
  headers['content-encoding'] = plan.compression;
  return { bytes: compress(text), headers };
}

function send(plan: Plan, world: World): Promise<RawResponse> {
  const cookie = cookieHeader(plan.cookie, world);
  const body = encodedBody(plan.body);
  const authorization =
    plan.authorization === undefined ? {} : { authorization: plan.authorization };
  return sendRaw(world.app.url, {
    method: plan.method,
    path: pathOf(plan, world),
    headers: {
      ...authorization,
      ...plan.headers,
      ...body.headers,
      ...(cookie === undefined ? {} : { cookie }),
    },
    body: body.bytes,
  });
}

/**
 * Anything that reads as a stack frame, a source file, a server path, SQL or a driver or parser
 * error. What the client itself sent (the path, echoed in a 404) is taken out first.
 */
const INTERNALS =
  /\n\s+at |\bat \S+ \(|node_modules|[\w-]+\.(?:[cm]?js|ts):\d+|(?:^|[\s"'(])\/(?:work|home|usr|tmp|var|opt|root|app|src)\/|sqlite|\b(?:SELECT|INSERT INTO|UPDATE|DELETE FROM)\b|\b(?:Type|Range|Reference|Syntax)Error\b|Unexpected token|in JSON at position/i;

function expectNoInternals(res: RawResponse, sentPath: string): void {
  const echoed = JSON.stringify(sentPath.split('?')[0]).slice(1, -1);
  const text = res.text.split(echoed).join('');
  expect(text, 'the answer shows internals').not.toMatch(INTERNALS);
}

function expectErrorBody(res: RawResponse, plan: Plan): void {
  expect(res.headers['content-type'], 'an error is JSON').toMatch(/^application\/json\b/);
  if (plan.method === 'HEAD') return;
  const body: unknown = JSON.parse(res.text);
  // The schema strips keys it does not know, so equality also proves there are no extra ones.
  expect(ErrorBodySchema.parse(body), 'the error body has only the known keys').toEqual(body);
  const { error } = ErrorBodySchema.parse(body);
  expect(error.code).not.toBe('INTERNAL_ERROR');
  expect(error.message).toMatch(/\S/);
  if (error.code !== 'VALIDATION_FAILED') return;
  const issues = z.array(FieldIssueSchema).min(1).parse(error.details);
  for (const issue of issues) {
    expect(issue.message, `the message for ${issue.field}`).not.toMatch(LIBRARY_WORDING);
  }
  const changed = plan.changedField;
  if (changed === undefined) return;
  expect(
    issues.some((issue) => isSameFieldOrRelated(changed, issue.field)),
    `a validation error names the changed field "${changed}"`,
  ).toBe(true);
}

function expectSuccessBody(res: RawResponse, plan: Plan): void {
  const endpoint = byRoute.get(plan.route);
  if (endpoint?.method !== plan.method) return;
  // `If-None-Match: *` asks for the answer only if there is none, and a file of the reference
  // page is also compared with its ETag and date; "not modified" is right.
  if (res.status === 304) {
    const conditional =
      plan.headers['if-none-match'] === '*' ||
      (endpoint.success === 'page' &&
        (plan.headers['if-none-match'] !== undefined ||
          plan.headers['if-modified-since'] !== undefined));
    expect(conditional, 'only a conditional request is answered 304').toBe(true);
    expect(res.text).toBe('');
    return;
  }
  // An odd parameter may land on another route (`/api/bookings/?` lists bookings).
  if (Object.values(plan.params).some((param) => param.kind === 'odd')) return;
  const { success } = endpoint;
  if (success === 'no-content') {
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  } else if (success === 'event-stream') {
    expect(res.headers['content-type']).toMatch(/^text\/event-stream\b/);
  } else if (success === 'page') {
    expect(res.headers['content-type']).toMatch(/^(text\/(html|javascript|css)|image\/png)\b/);
  } else {
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    success.parse(JSON.parse(res.text));
  }
}

/** The holder's own rows: what a request without the holder's cookie must never change. */
async function holderRows(world: World) {
  const stored = await storedEverything(world.app.db);
  const mine = world.holder.sessionId;
  return {
    holds: stored.holds.filter((hold) => hold.sessionId === mine),
    bookings: stored.bookings.filter((booking) => booking.sessionId === mine),
  };
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scheme's name is not case-sensitive; the token is. */
const ORGANIZER_CREDENTIALS = new RegExp(`^Bearer +${ADMIN_TOKEN} *$`, 'i');

/** An organizer endpoint, reached as planned, without the token: it must answer 401 first. */
function reachesOrganizerWithoutToken(plan: Plan): boolean {
  const endpoint = byRoute.get(plan.route);
  if (!endpoint?.organizer || endpoint.method !== plan.method) return false;
  if (Object.values(plan.params).some((param) => param.kind === 'odd')) return false;
  return !ORGANIZER_CREDENTIALS.test(plan.headers.authorization ?? plan.authorization ?? '');
}

/** Sends one planned request and checks every property of its answer and of the store. */
async function exercise(world: World, plan: Plan): Promise<void> {
  await restoreHolderHold(world);
  const before = await storedEverything(world.app.db);
  const holderBefore = await holderRows(world);
  const cookie = cookieHeader(plan.cookie, world);
  const path = pathOf(plan, world);

  const res = await send(plan, world);

  expect(res.status, res.text).toBeLessThan(500);
  const unauthorized = reachesOrganizerWithoutToken(plan);
  if (unauthorized) {
    expect(res.status, 'an organizer endpoint without the token').toBe(401);
    if (plan.method !== 'HEAD') expect(JSON.parse(res.text).error.code).toBe('UNAUTHORIZED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer\b/);
  } else if (plan.mustBeRefused) {
    expect(res.status, `a body that got "${plan.changedField}" wrong is refused`).toBe(400);
  }
  if (plan.expected) {
    expect(res.status).toBe(plan.expected.status);
    if (plan.method !== 'HEAD') expect(JSON.parse(res.text).error.code).toBe(plan.expected.code);
  }
  if (res.status >= 400) {
    expectNoInternals(res, path);
    expectErrorBody(res, plan);
  } else {
    expectSuccessBody(res, plan);
  }
  if (res.status >= 400 || READS.has(plan.method)) {
    expect(
      await storedEverything(world.app.db),
      'a refused request or a read changes nothing',
    ).toEqual(before);
  }
  const endpoint = byRoute.get(plan.route);
  const validParams = Object.values(plan.params).every((param) => param.kind === 'valid');
  // A method the endpoint's path does not take is answered, before any session, with the ones
  // it does take; OPTIONS lists them.
  const taken = endpoint && validParams ? allowOf(path) : undefined;
  const methodTaken = taken?.split(', ').includes(plan.method);
  if (taken !== undefined && !methodTaken) {
    expect(res.status, `${plan.method} on a path that takes ${taken}`).toBe(
      plan.method === 'OPTIONS' ? 204 : 405,
    );
    expect(res.headers.allow).toBe(taken);
    if (plan.method !== 'OPTIONS' && plan.method !== 'HEAD') {
      expect(JSON.parse(res.text).error.code).toBe('METHOD_NOT_ALLOWED');
    }
  }
  const beforeSessions = res.status === 405 || (plan.method === 'OPTIONS' && res.status === 204);
  if (beforeSessions) {
    expect(res.headers['set-cookie'], 'a method a path does not take starts no session').toBe(
      undefined,
    );
  }
  const token = cookie === undefined ? undefined : parseCookies(cookie)[SESSION_COOKIE];
  const issuedHere = token === world.holder.token || token === world.strangerToken;
  if (!issuedHere && !endpoint?.sessionless && !beforeSessions) {
    expect(res.headers['set-cookie'], 'a token not issued here gets a fresh session').toEqual([
      expect.stringMatching(new RegExp(`^${SESSION_COOKIE}=`)),
    ]);
  }
  if (token !== world.holder.token) {
    expect(await holderRows(world), "another session never touches the holder's things").toEqual(
      holderBefore,
    );
  }
}

async function startWorld(): Promise<World> {
  const app = await startTestApp({
    concerts: CONCERTS,
    config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG, adminToken: ADMIN_TOKEN },
  });
  const shopper = app.shopper();
  expect((await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 1 }])).status).toBe(201);
  const booked = await shopper.book(CONCERT);
  expect(booked.status).toBe(201);
  const stranger = app.shopper();
  await stranger.request('GET', '/api/concerts');
  const tokenOf = (s: Shopper) => (s.cookie ?? '').slice(SESSION_COOKIE.length + 1);
  const token = tokenOf(shopper);
  const world: World = {
    app,
    holder: {
      shopper,
      token,
      sessionId: token.split('.')[0] ?? '',
      bookingId: booked.body.booking.id,
    },
    strangerToken: tokenOf(stranger),
  };
  await restoreHolderHold(world);
  return world;
}

/** The holder keeps a live hold between requests, so each request meets one. */
async function restoreHolderHold(world: World): Promise<void> {
  const { sessionId, shopper } = world.holder;
  const holds = await storedHolds(world.app.db);
  if (holds.some((hold) => hold.sessionId === sessionId && hold.concertId === CONCERT)) return;
  const res = await shopper.checkout(CONCERT, [{ tier: 'vip', quantity: 2 }]);
  expect(res.status).toBe(201);
}

/** Runs a property against one fresh app and database, and shuts them down after. */
async function fuzz(arbitrary: fc.Arbitrary<Plan>, numRuns: number): Promise<void> {
  const world = await startWorld();
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, (plan) => exercise(world, plan)),
      fuzzParameters(numRuns),
    );
    // Every stream the fuzzing opened was hung up on; none may linger.
    await vi.waitFor(
      () => {
        expect(world.app.services.hub.watcherCount()).toBe(0);
      },
      { timeout: 10_000 },
    );
  } finally {
    await world.app.close();
  }
}

const WITH_BODY = ENDPOINTS.filter((endpoint) => endpoint.body !== undefined);
const ODD_METHODS = http.METHODS.filter((method) => method !== 'CONNECT');

describe('every endpoint, whatever it is sent', () => {
  it(
    'answers near-valid bodies (one field wrong, missing or extra) with success or a 4xx naming that field',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      await fuzz(
        plans({
          endpoints: WITH_BODY,
          body: (endpoint) =>
            (endpoint.body ?? fc.constant({})).chain(mutationOf).map((mutated) => ({
              body: { ...PLAIN_JSON, value: mutated.body },
              changedField: mutated.field,
              mustBeRefused:
                mutated.addsOrRemovesField && !endpoint.optional?.includes(mutated.field),
            })),
        }),
        800,
      );
    },
  );

  it(
    'answers arbitrary JSON bodies, prototype keys included, with success or a JSON 4xx',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const pollutedObject = fc
        .tuple(
          fc.dictionary(oddKey, oddValue, { maxKeys: 5 }),
          fc.constantFrom('__proto__', 'constructor'),
          oddValue,
        )
        .map(([object, key, value]) => {
          Object.defineProperty(object, key, { value, enumerable: true });
          return object;
        });
      await fuzz(
        plans({
          endpoints: ENDPOINTS,
          body: () => jsonBody(fc.oneof(anyJson, pollutedObject)).map((body) => ({ body })),
        }),
        300,
      );
    },
  );

  it(
    'answers raw and non-JSON bodies, with any content type or encoding, with a JSON 4xx or success',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      await fuzz(
        plans({ endpoints: ENDPOINTS, body: () => rawBody.map((body) => ({ body })) }),
        300,
      );
    },
  );

  it(
    'changes nothing and keeps answering when a client hangs up halfway through a body',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const world = await startWorld();
      const uploads = WITH_BODY.map((endpoint) =>
        fc.record({
          endpoint: fc.constant(endpoint),
          text: (endpoint.body ?? fc.constant({})).map((body) => JSON.stringify(body)),
          cookie: usualCookie,
          fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        }),
      );
      try {
        await fc.assert(
          fc.asyncProperty(fc.oneof(...uploads), async ({ endpoint, text, cookie, fraction }) => {
            const before = await storedEverything(world.app.db);
            const header = cookieHeader(cookie, world);
            const body = Buffer.from(text);

            await sendAndHangUp(
              world.app.url,
              {
                method: endpoint.method,
                path: endpoint.path,
                headers: {
                  'content-type': JSON_TYPE,
                  ...(header ? { cookie: header } : {}),
                  ...(endpoint.organizer ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}),
                },
                body,
              },
              Math.floor(body.length * fraction),
            );
            const next = await sendRaw(world.app.url, { method: 'GET', path: '/api/concerts' });

            expect(next.status).toBe(200);
            expect(await storedEverything(world.app.db)).toEqual(before);
          }),
          fuzzParameters(100),
        );
      } finally {
        await world.app.close();
      }
    },
  );

  it(
    'answers odd headers and forged, truncated or garbage session cookies without adopting a session it did not issue',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      await fuzz(
        plans({ endpoints: ENDPOINTS, body: validBodyOf, cookie: oddCookie, headers: oddHeaders }),
        500,
      );
    },
  );

  it(
    'answers odd path parameters, query strings and methods with a JSON 4xx or success',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      await fuzz(
        plans({
          endpoints: ENDPOINTS,
          body: noBody,
          params: fc.oneof(
            { weight: 1, arbitrary: fc.constant(VALID_PARAM) },
            {
              weight: 2,
              arbitrary: fc
                .array(oddPathSegment, { minLength: 1, maxLength: 3 })
                .map((parts) => ({ kind: 'odd' as const, segment: parts.join('') })),
            },
          ),
          query: oddQuery,
          method: (endpoint) =>
            fc.oneof(
              { weight: 3, arbitrary: fc.constant(endpoint.method) },
              fc.constantFrom('HEAD', 'OPTIONS'),
              fc.constantFrom(...ODD_METHODS),
            ),
        }),
        400,
      );
    },
  );

  it(
    'answers any other path under /api, with any method, with 404 NOT_FOUND',
    { timeout: FUZZ_TIMEOUT_MS },
    async () => {
      const mounted = new Set(ENDPOINTS.map((endpoint) => endpoint.path.split('/')[2]));
      const otherPath = fc
        .array(fc.oneof(oddPathSegment, fc.constantFrom('api', 'concerts', 'holds', 'bookings')), {
          maxLength: 4,
        })
        .map((segments) => `/api/${segments.join('/')}`)
        // Routes match without regard to case.
        .filter((path) => !mounted.has(path.split(/[/?#]/)[2]?.toLowerCase()));
      await fuzz(
        fc.record({
          method: fc.constantFrom(...ODD_METHODS),
          route: otherPath.map((path) => `ANY ${path}`),
          params: fc.constant({}),
          query: oddQuery,
          cookie: usualCookie,
          headers: fc.constant({}),
          body: fc.constant<BodyPlan>({ kind: 'none' }),
          expected: fc.constant({ status: 404, code: 'NOT_FOUND' }),
        }),
        200,
      );
    },
  );
});

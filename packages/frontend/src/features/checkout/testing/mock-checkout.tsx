import {
  planSeats,
  seatRefOf,
  type CheckoutItem,
  type CheckoutRequest,
  type Concert,
  type ErrorCode,
  type Hold,
  type PlanSeatEntry,
  type SeatPlan,
} from '@ticket-booking/shared';
import userEvent from '@testing-library/user-event';
import { cleanup, configure, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, vi } from 'vitest';
import { CheckoutRoute } from '../../../app/routes/checkout';
import { bookingFixture, concertFixture } from '../../../test/fixtures';
import { renderRoute } from '../../../test/render';
import { server } from '../../../test/server';

export const CONCERT_ID = 'neon-harbor-tidelight';
export const CHECKOUT_URL = `/concerts/${CONCERT_ID}/checkout`;

const INACTIVITY_MS = 180_000;
/** A page unheard from for one heartbeat interval plus the grace loses its hold. */
const SILENCE_MS = 90_000;

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  idempotencyKey: string | null;
}

/** A JSON error in the API's shape. */
export function apiError(status: number, code: ErrorCode, message: string, details?: unknown) {
  return HttpResponse.json({ error: { code, message, details } }, { status });
}

/** Lets a test answer one endpoint its own way; `undefined` falls back to the fake's answer. */
type Override = (body: unknown) => Response | Promise<Response> | undefined;

export interface CheckoutApiMock {
  requests: RecordedRequest[];
  overrides: Partial<Record<'fetch' | 'checkout' | 'heartbeat' | 'booking', Override>>;
  /** The hold the fake server has now (null once released or bought). */
  currentHold: () => Hold | null;
  /** The bodies of the requests each endpoint received, oldest first. */
  heartbeats: () => unknown[];
  checkouts: () => unknown[];
  bookings: () => unknown[];
  releases: () => unknown[];
  /** The Idempotency-Key header of each request to enter checkout or to pay, oldest first. */
  idempotencyKeys: (path: '/api/holds/checkout' | '/api/bookings') => (string | null)[];
}

let latest: CheckoutApiMock | undefined;

/**
 * A small fake of the holds and bookings API, on the msw server, that records every request.
 * It keeps one hold with the policy's deadline and hard cap, and its clock runs `serverAheadMs`
 * ahead of the browser's (the fake timers' `Date.now()`), so tests can give the browser a skew.
 * With a seating `plan`, it holds the seats named and, for a seated tier asked for by quantity,
 * the tier's first seats in plan order.
 */
export function mockCheckoutApi({
  concert = concertFixture(),
  plan,
  liveHold = null,
  serverAheadMs = 0,
  holdMs = 600_000,
  hardCapMs = 900_000,
}: {
  concert?: Concert;
  plan?: SeatPlan;
  liveHold?: Hold | null;
  serverAheadMs?: number;
  /** How far an active heartbeat moves the deadline. */
  holdMs?: number;
  /** How long after creation a new hold's hard cap comes. */
  hardCapMs?: number;
} = {}): CheckoutApiMock {
  const requests: RecordedRequest[] = [];
  const overrides: CheckoutApiMock['overrides'] = {};
  let hold = liveHold;
  const serverTime = () => Date.now() + serverAheadMs;
  const iso = (ms: number) => new Date(ms).toISOString();

  const seats = plan ? planSeats(plan) : [];

  function holdFor({ items, seats: named = [] }: CheckoutRequest, now: number): Hold {
    const picked = named.flatMap((id) => seats.find((seat) => seat.id === id) ?? []);
    const lines = new Map<string, PlanSeatEntry[] | number>(
      items.map(({ tier, quantity }) => {
        const inTier = seats.filter((seat) => seat.tier === tier);
        return [tier, inTier.length > 0 ? inTier.slice(0, quantity) : quantity];
      }),
    );
    for (const seat of picked) {
      const line = lines.get(seat.tier);
      lines.set(seat.tier, [...(Array.isArray(line) ? line : []), seat]);
    }
    const held = [...lines].map(([tier, line]) => {
      const found = concert.tiers.find((t) => t.code === tier);
      const item = {
        tier,
        name: found?.name ?? tier,
        quantity: Array.isArray(line) ? line.length : line,
        unitPriceCents: found?.priceCents ?? 0,
      };
      return Array.isArray(line) ? { ...item, seats: line.map(seatRefOf) } : item;
    });
    return {
      concertId: concert.id,
      items: held,
      totalCents: held.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
      currency: 'USD',
      createdAt: iso(now),
      expiresAt: iso(Math.min(now + SILENCE_MS, now + holdMs, now + hardCapMs)),
      deadlineAt: iso(Math.min(now + holdMs, now + hardCapMs)),
      hardCapAt: iso(now + hardCapMs),
      lastActiveAt: iso(now),
      serverTime: iso(now),
      heartbeatIntervalMs: 30_000,
      inactivityTimeoutMs: INACTIVITY_MS,
    };
  }

  async function record(request: Request): Promise<unknown> {
    const text = await request.clone().text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    requests.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body,
      idempotencyKey: request.headers.get('Idempotency-Key'),
    });
    return body;
  }

  server.use(
    http.get('/api/concerts/:concertId', () => HttpResponse.json({ concert })),
    http.get('/api/holds/:concertId', async ({ request }) => {
      await record(request);
      const override = await overrides.fetch?.(undefined);
      if (override) return override;
      if (!hold) return HttpResponse.json({ hold: null });
      return HttpResponse.json({ hold: { ...hold, serverTime: iso(serverTime()) } });
    }),
    http.post('/api/holds/checkout', async ({ request }) => {
      const body = (await record(request)) as CheckoutRequest;
      const override = await overrides.checkout?.(body);
      if (override) return override;
      hold = holdFor(body, serverTime());
      return HttpResponse.json({ hold }, { status: 201 });
    }),
    http.post('/api/holds/heartbeat', async ({ request }) => {
      const body = (await record(request)) as { active: boolean; visible: boolean };
      const override = await overrides.heartbeat?.(body);
      if (override) return override;
      if (!hold) return apiError(404, 'NO_ACTIVE_HOLD', 'You have no tickets held.');
      const now = serverTime();
      if (body.active && body.visible) {
        const deadline = Math.min(now + holdMs, Date.parse(hold.hardCapAt));
        hold = { ...hold, deadlineAt: iso(deadline), lastActiveAt: iso(now) };
      }
      const expiresAt = Math.min(
        Date.parse(hold.deadlineAt),
        Date.parse(hold.lastActiveAt) + INACTIVITY_MS,
        now + SILENCE_MS,
        Date.parse(hold.hardCapAt),
      );
      hold = { ...hold, expiresAt: iso(expiresAt) };
      return HttpResponse.json({ hold: { ...hold, serverTime: iso(now) } });
    }),
    http.delete('/api/holds/:concertId', async ({ request }) => {
      await record(request);
      hold = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.post('/api/bookings', async ({ request }) => {
      const body = await record(request);
      const override = await overrides.booking?.(body);
      if (override) return override;
      if (!hold) return apiError(404, 'NO_ACTIVE_HOLD', 'You have no tickets held.');
      hold = null;
      return HttpResponse.json({ booking: bookingFixture() }, { status: 201 });
    }),
  );

  const bodiesOf = (method: string, path: string) =>
    requests.filter((r) => r.method === method && r.path === path).map((r) => r.body);

  latest = {
    requests,
    overrides,
    currentHold: () => hold,
    heartbeats: () => bodiesOf('POST', '/api/holds/heartbeat'),
    checkouts: () => bodiesOf('POST', '/api/holds/checkout'),
    bookings: () => bodiesOf('POST', '/api/bookings'),
    releases: () => bodiesOf('DELETE', `/api/holds/${CONCERT_ID}`),
    idempotencyKeys: (path) =>
      requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.idempotencyKey),
  };
  return latest;
}

/**
 * Unmounts the page the way leaving it does, and waits for the release that a live hold gets
 * then, while the fake API is still there to answer it.
 */
async function leaveCheckout() {
  const api = latest;
  latest = undefined;
  const held = screen.queryByRole('timer') !== null;
  const releasesBefore = api?.releases().length ?? 0;
  cleanup();
  if (api && held) {
    await waitFor(() => {
      if (api.releases().length === releasesBefore) throw new Error('The hold was not released');
    });
  }
}

/** Router state as the concert page sends it. */
export function chosen(...items: CheckoutItem[]) {
  return { items };
}

/**
 * Renders the checkout route as if the concert page had navigated there with `state`. The
 * user-event instance moves the fake timers along with its own small delays.
 */
export function renderCheckout({
  state,
  strict = false,
}: { state?: unknown; strict?: boolean } = {}) {
  // StrictMode only runs effects twice when it wraps the root, which is what this option does.
  configure({ reactStrictMode: strict });
  try {
    const utils = renderRoute(<CheckoutRoute />, {
      path: '/concerts/:concertId/checkout',
      url: CHECKOUT_URL,
      state,
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    return { ...utils, user };
  } finally {
    configure({ reactStrictMode: false });
  }
}

/** Sets what `document.visibilityState` says, as a browser does when the tab is hidden. */
export function setVisibility(state: DocumentVisibilityState, { announce = true } = {}) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  if (announce) document.dispatchEvent(new Event('visibilitychange'));
}

/** Back to jsdom's own `visibilityState`. */
function resetVisibility() {
  Reflect.deleteProperty(document, 'visibilityState');
}

/**
 * For a checkout test file: a fake clock that also moves with real time (for userEvent and
 * msw), starting at the fixtures' NOW; after each test the page is left and the clock restored.
 */
export function setUpCheckoutTests(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now });
  });
  afterEach(async () => {
    await leaveCheckout();
    resetVisibility();
    vi.useRealTimers();
  });
}

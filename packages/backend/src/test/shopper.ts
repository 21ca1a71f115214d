import type { CheckoutItem } from '@ticket-booking/shared';
import { assertFetchDocumented } from './contract.js';
import type { Fetch } from './pooled-fetch.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Whatever came back; tests assert its shape. */
  body: any;
}

/** A session calling the services directly, from an address of its own. */
export function alone(sessionId: string): { sessionId: string; address: string } {
  return { sessionId, address: `address-of-${sessionId}` };
}

export const GOOD_CARD = { cardNumber: '4242 4242 4242 4242', expiry: '12/35', cvc: '123' };
export const DECLINED_CARD = { cardNumber: '4000000000000002', expiry: '12/35', cvc: '123' };
export const BUYER = { name: 'Ada Lindqvist', email: 'ada@example.com' };

/** A checkout of the crash tests' concert: sometimes VIP, mostly general admission, 1–4 each. */
export function randomItems(random: () => number): CheckoutItem[] {
  const items: CheckoutItem[] = [];
  if (random() < 0.4) items.push({ tier: 'vip', quantity: 1 + Math.floor(random() * 2) });
  if (items.length === 0 || random() < 0.5) {
    items.push({ tier: 'ga', quantity: 1 + Math.floor(random() * 4) });
  }
  return items;
}

/**
 * One shopper's browser, reduced to what the API sees: a cookie jar and JSON requests.
 * The first response's session cookie is kept and sent from then on. Every response is held
 * against the OpenAPI document, so the API tests also prove the document true. Requests go
 * through `send`: the global `fetch` unless the test gives one with a bounded pool of sockets.
 */
export function createShopper(baseUrl: string, send: Fetch = fetch) {
  let cookie: string | undefined;

  async function request(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (cookie) headers.cookie = cookie;
    let payload: string | undefined = init.rawBody;
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await send(baseUrl + path, { method, headers, body: payload });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tb_session='));
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await response.text();
    assertFetchDocumented(method, path, response, text);
    return {
      status: response.status,
      headers: response.headers,
      body:
        text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }

  return {
    request,
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    concert: (concertId: string) => request('GET', `/api/concerts/${concertId}`),
    checkout: (concertId: string, items: CheckoutItem[], headers: Record<string, string> = {}) =>
      request('POST', '/api/holds/checkout', { concertId, items }, { headers }),
    /** Holds the seats named, and tickets by quantity if any. */
    checkoutSeats: (concertId: string, seats: string[], items: CheckoutItem[] = []) =>
      request('POST', '/api/holds/checkout', { concertId, items, seats }),
    seatMap: (concertId: string) => request('GET', `/api/concerts/${concertId}/seats`),
    hold: (concertId: string) => request('GET', `/api/holds/${concertId}`),
    heartbeat: (concertId: string, signal: { active: boolean; visible: boolean }) =>
      request('POST', '/api/holds/heartbeat', { concertId, ...signal }),
    release: (concertId: string) => request('DELETE', `/api/holds/${concertId}`),
    book: (
      concertId: string,
      payment: typeof GOOD_CARD = GOOD_CARD,
      headers: Record<string, string> = {},
    ) => request('POST', '/api/bookings', { concertId, buyer: BUYER, payment }, { headers }),
    bookings: () => request('GET', '/api/bookings'),
    booking: (id: string) => request('GET', `/api/bookings/${id}`),
    cancelBooking: (id: string) => request('DELETE', `/api/bookings/${id}`),
  };
}

export type Shopper = ReturnType<typeof createShopper>;

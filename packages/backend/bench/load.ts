import autocannon from 'autocannon';

export interface LoadResult {
  /** Successful (2xx) requests per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function checkoutBody(concertId: string): string {
  return JSON.stringify({ concertId, items: [{ tier: 'ga', quantity: 1 }] });
}

/**
 * Checkouts as fast as `connections` keep-alive connections can send them. No cookie is kept,
 * so every request is a new shopper with a session of its own.
 */
export async function checkoutLoad(
  url: string,
  concertId: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/holds/checkout`,
    method: 'POST',
    headers: JSON_HEADERS,
    body: checkoutBody(concertId),
    connections,
    duration: seconds,
  });
  return summarize(result, seconds);
}

/**
 * The same load, each request for one ticket of the next concert of `concertIds` in turn: all
 * of them get the same share, whatever each answers.
 */
export async function spreadCheckoutLoad(
  url: string,
  concertIds: readonly string[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const bodies = concertIds.map(checkoutBody);
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/holds/checkout',
        headers: JSON_HEADERS,
        setupRequest: (request) => {
          next = (next + 1) % bodies.length;
          return { ...request, body: bodies[next] };
        },
      },
    ],
  });
  return summarize(result, seconds);
}

/** Loads run side by side against several servers, as one. */
export function combined(parts: LoadResult[]): LoadResult {
  return {
    rps: parts.reduce((sum, part) => sum + part.rps, 0),
    p50Ms: Math.max(...parts.map((part) => part.p50Ms)),
    p99Ms: Math.max(...parts.map((part) => part.p99Ms)),
    non2xx: parts.reduce((sum, part) => sum + part.non2xx, 0),
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
  };
}

/** Shoppers that each hold one ticket and then buy it: one hold → book pair per cycle. */
export async function bookingLoad(
  url: string,
  concertId: string,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const booking = JSON.stringify({
    concertId,
    buyer: { name: 'Bench Shopper', email: 'bench@example.com' },
    payment: { cardNumber: '4242424242424242', expiry: '12/35', cvc: '123' },
  });
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/holds/checkout',
        headers: JSON_HEADERS,
        body: checkoutBody(concertId),
        onResponse: (_status, _body, context, headers) => {
          // autocannon hands headers over with the server's own capitalization.
          const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === 'set-cookie');
          const cookie = key ? headers?.[key] : undefined;
          const first = Array.isArray(cookie) ? cookie[0] : cookie;
          (context as { cookie?: string }).cookie =
            typeof first === 'string' ? first.split(';')[0] : undefined;
        },
      },
      {
        method: 'POST',
        path: '/api/bookings',
        body: booking,
        setupRequest: (request, context) => ({
          ...request,
          headers: { ...JSON_HEADERS, cookie: (context as { cookie?: string }).cookie ?? '' },
        }),
      },
    ],
  });
  const summary = summarize(result, seconds);
  return { ...summary, rps: summary.rps / 2 };
}

function summarize(result: autocannon.Result, seconds: number): LoadResult {
  return {
    rps: result['2xx'] / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

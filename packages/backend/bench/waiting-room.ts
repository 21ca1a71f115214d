import { percentile } from './harness.js';

const ADMIN_TOKEN = 'bench-organizer-token-0123456789abcdef';

/** The organizer's token the waiting room's product server is started with. */
export const WAITING_ROOM_ENV = { ADMIN_TOKEN };

/** Runs `task(i)` for i in [0, count) with `concurrency` of them in flight; returns the time. */
async function pooled(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
  return performance.now() - started;
}

function organizer(url: string, method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
}

export interface WaitingRoomResult {
  shoppers: number;
  joinsPerSecond: number;
  /** Growth of the server's resident memory per 10,000 shoppers joining, after a warm-up. */
  rssPer10kBytes: number;
  /** Places asked for (each an admission decision, with a pass when let in) per second. */
  decisionsPerSecond: number;
  decisionP99Ms: number;
  /** The bytes of one place's answer: all a browser needs to count its wait down by itself. */
  placeBytes: number;
  /** Checkouts with their pass, right after on-sale, per second. */
  rushPerSecond: number;
  /** The same load of checkouts on a concert without a waiting room, per second. */
  plainPerSecond: number;
  failed: number;
}

/**
 * A waiting room filled before on-sale by `shoppers` new sessions, `concurrency` at a time; at
 * on-sale each asks for its place (the first ask draws every place), then checks out with its
 * pass; the same checkouts without a pass on `plainConcert` are the reference.
 */
export async function waitingRoomRun(
  server: { url: string; rssBytes(): number },
  concertId: string,
  plainConcert: string,
  shoppers: number,
  concurrency: number,
): Promise<WaitingRoomResult> {
  const { url } = server;
  let failed = 0;
  const created = await organizer(url, 'POST', '/api/concerts', {
    id: concertId,
    name: 'Waiting room',
    artist: 'Benchmark',
    venue: 'Loopback Arena',
    timeZone: 'UTC',
    startsAt: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
    onSaleAt: new Date(Date.now() + 3_600_000).toISOString(),
    waitingRoom: { admitPerMinute: 100_000 },
    maxTicketsPerBuyer: null,
    tiers: [{ code: 'ga', name: 'GA', priceCents: 5_000, currency: 'USD', capacity: 1_000_000 }],
  });
  if (created.status !== 201) throw new Error(`creating the concert: ${await created.text()}`);

  const cookies: string[] = new Array<string>(shoppers).fill('');
  const join = async (i: number) => {
    const res = await fetch(`${url}/api/concerts/${concertId}/waiting-room`, { method: 'POST' });
    await res.arrayBuffer();
    if (res.status !== 201) failed += 1;
    cookies[i] = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  };
  // The first fifth warms the server up (code, caches, heap); memory is measured over the rest.
  const warmUp = Math.floor(shoppers / 5);
  const warmUpMs = await pooled(warmUp, concurrency, join);
  const rssBefore = server.rssBytes();
  const restMs = await pooled(shoppers - warmUp, concurrency, (i) => join(warmUp + i));
  const rssAfter = server.rssBytes();
  const joinMs = warmUpMs + restMs;

  const moved = await organizer(url, 'PATCH', `/api/concerts/${concertId}`, {
    onSaleAt: new Date(Date.now() + 1_000).toISOString(),
  });
  if (moved.status !== 200) throw new Error(`opening sales: ${await moved.text()}`);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  // By the time the last is asked for, every place is let in: 100,000 a minute.
  await new Promise((resolve) => setTimeout(resolve, (shoppers / 100_000) * 60_000));

  const passes: string[] = new Array<string>(shoppers).fill('');
  const latencies: number[] = [];
  let placeBytes = 0;
  const decideMs = await pooled(shoppers, concurrency, async (i) => {
    const asked = performance.now();
    const res = await fetch(`${url}/api/concerts/${concertId}/waiting-room`, {
      headers: { cookie: cookies[i] ?? '' },
    });
    const text = await res.text();
    latencies.push(performance.now() - asked);
    placeBytes = text.length;
    const pass = (JSON.parse(text) as { place?: { pass?: string } | null }).place?.pass;
    if (res.status !== 200 || pass === undefined) failed += 1;
    passes[i] = pass ?? '';
  });

  const checkout = (concert: string, cookie: string, pass?: string) =>
    fetch(`${url}/api/holds/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ concertId: concert, items: [{ tier: 'ga', quantity: 1 }], pass }),
    }).then(async (res) => {
      await res.arrayBuffer();
      if (res.status !== 201) failed += 1;
    });
  const rushMs = await pooled(shoppers, concurrency, (i) =>
    checkout(concertId, cookies[i] ?? '', passes[i]),
  );
  const plainMs = await pooled(shoppers, concurrency, () => checkout(plainConcert, ''));

  return {
    shoppers,
    joinsPerSecond: (shoppers / joinMs) * 1000,
    rssPer10kBytes: ((rssAfter - rssBefore) / (shoppers - warmUp)) * 10_000,
    decisionsPerSecond: (shoppers / decideMs) * 1000,
    decisionP99Ms: percentile(latencies, 99),
    placeBytes,
    rushPerSecond: (shoppers / rushMs) * 1000,
    plainPerSecond: (shoppers / plainMs) * 1000,
    failed,
  };
}

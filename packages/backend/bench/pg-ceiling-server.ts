/**
 * The PostgreSQL ceiling: a bare node:http server taking the product's checkout through the same
 * driver (pg) on the same schema. The checkouts of one concert that arrive in one turn of the
 * event loop go in one transaction, and the next waits for its commit, so a batch grows while the
 * one before commits (a group commit): lock the concert's tiers in id order, decide each request
 * in memory, then write every hold, its items, its new session, the tiers' counters and the
 * concert's version in one statement. No product code on the request's path: no sessions,
 * validation, logs, metrics, sweeps or change feed.
 *
 * With CEILING_STATEMENTS=product it sends the product's own statements (its batch's prepared
 * statements, with the same arguments), in the same two round trips as the product; otherwise
 * the leanest statements known for the checkout alone, in three. Prints its URL, like the product
 * does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
// The ceiling is the driver alone; the product reaches it only through its store.
// eslint-disable-next-line no-restricted-imports
import pg from 'pg';
import { endHoldBy, holdExpiresAt, startHold } from '@ticket-booking/shared';
import { loadConfig } from '../src/config/config.js';
import { sqlLiteral } from '../src/db/postgres/literal.js';
import { PREPARE_BATCH } from '../src/db/postgres/unit-of-work.js';
import { newSessionId } from '../src/modules/sessions/session-tokens.js';

const config = loadConfig();
if (config.databaseUrl === undefined) throw new Error('DATABASE_URL is not set');
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, Number);
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10, types });

interface Item {
  tier: string;
  quantity: number;
}
interface Checkout {
  items: Item[];
  res: http.ServerResponse;
}
interface Tier {
  id: number;
  code: string;
  total: number;
  sold: number;
  held: number;
  /** Tickets kept for the waiting list: the product's flush writes it back as it was. */
  waiting?: number;
  price_cents: number;
  sales_end_at: number;
}

/**
 * The transaction's start and the same locks as the product's checkout (the concert's row, then
 * its tiers in id order), in one round trip: several statements are one query only without
 * parameters, hence the literal.
 */
function beginAndLock(concertId: string): string {
  return `BEGIN; SET LOCAL synchronous_commit = off;
    SELECT t.id, t.code, t.total, t.sold, t.held, t.price_cents, c.sales_end_at
    FROM concerts c JOIN tiers t ON t.concert_id = c.id
    WHERE c.id = ${sqlLiteral(concertId)} ORDER BY t.id FOR NO KEY UPDATE`;
}

// Foreign keys are checked at the end of the statement, once every CTE has inserted its rows.
const WRITE = `
  WITH new_sessions AS (
    INSERT INTO sessions (id, created_at) SELECT unnest($1::TEXT[]), $3),
  new_holds AS (
    INSERT INTO holds (session_id, concert_id, created_at, deadline_at, last_active_at,
                       last_seen_at, hard_cap_at, left_at, expires_at)
    SELECT unnest($1::TEXT[]), $2, $3, $4, $3, $3, $5, NULL, $6
    RETURNING id, session_id),
  new_items AS (
    INSERT INTO hold_items (hold_id, tier_id, quantity, unit_price_cents)
    SELECT h.id, i.tier_id, i.quantity, i.price
    FROM new_holds h
    JOIN unnest($7::TEXT[], $8::INTEGER[], $9::INTEGER[], $10::INTEGER[])
      AS i (session_id, tier_id, quantity, price) ON i.session_id = h.session_id),
  counters AS (
    UPDATE tiers SET held = held + d.delta
    FROM unnest($11::INTEGER[], $12::INTEGER[]) AS d (id, delta) WHERE tiers.id = d.id),
  version AS (
    UPDATE concerts SET availability_version = availability_version + 1,
                        holds_created = holds_created + cardinality($1::TEXT[])
    WHERE id = $2)
  SELECT id, session_id FROM new_holds`;

/** A concert's id and one to ten tiers, each named once, with a whole number of tickets. */
function isCheckout(body: unknown): body is { concertId: string; items: Item[] } {
  if (typeof body !== 'object' || body === null) return false;
  const { concertId, items } = body as { concertId?: unknown; items?: unknown };
  if (typeof concertId !== 'string' || !Array.isArray(items)) return false;
  if (items.length === 0 || items.length > 10) return false;
  const tiers = new Set<unknown>();
  for (const item of items as unknown[]) {
    if (typeof item !== 'object' || item === null) return false;
    const { tier, quantity } = item as { tier?: unknown; quantity?: unknown };
    if (typeof tier !== 'string' || tiers.has(tier)) return false;
    if (!Number.isInteger(quantity) || (quantity as number) < 1) return false;
    tiers.add(tier);
  }
  return true;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

interface Decided {
  granted: { checkout: Checkout; sessionId: string }[];
  refused: Checkout[];
  /** The tiers' rows, each with the tickets the granted checkouts take of it. */
  byCode: Map<string, Tier & { delta: number }>;
  times: ReturnType<typeof startHold>;
  expiresAt: number;
}

/** Each checkout of the batch granted or refused in turn, against the locked tiers. */
function decide(tiers: Tier[], batch: Checkout[], sessionIds: string[], now: number): Decided {
  const byCode = new Map(tiers.map((tier) => [tier.code, { ...tier, delta: 0 }]));
  const open = tiers[0] !== undefined && now < tiers[0].sales_end_at;
  const granted: Decided['granted'] = [];
  const refused: Checkout[] = [];
  batch.forEach((checkout, i) => {
    const wanted = checkout.items.map((item) => ({ item, tier: byCode.get(item.tier) }));
    const fits = wanted.every(
      ({ item, tier }) =>
        tier !== undefined && item.quantity <= tier.total - tier.sold - tier.held - tier.delta,
    );
    if (!open || !fits) {
      refused.push(checkout);
      return;
    }
    for (const { item, tier } of wanted) if (tier) tier.delta += item.quantity;
    granted.push({ checkout, sessionId: sessionIds[i] ?? newSessionId() });
  });
  const times = endHoldBy(startHold(config.holdPolicy, now), tiers[0]?.sales_end_at ?? now);
  return { granted, refused, byCode, times, expiresAt: holdExpiresAt(config.holdPolicy, times) };
}

/** The hold each granted checkout's session got, by session id. */
type HoldIds = Map<string, number>;

/** The leanest statements known: lock and read the tiers, one statement for every row, COMMIT. */
async function leanBatch(client: pg.PoolClient, concertId: string, batch: Checkout[]) {
  // pg answers a query of several statements with one result each.
  const results = (await client.query(beginAndLock(concertId))) as unknown as [
    pg.QueryResult,
    pg.QueryResult,
    pg.QueryResult<Tier>,
  ];
  const now = Date.now();
  const decided = decide(results[2].rows, batch, [], now);
  const { granted, byCode, times, expiresAt } = decided;
  const holdIds: HoldIds = new Map();
  if (granted.length > 0) {
    const items = granted.flatMap(({ checkout, sessionId }) =>
      checkout.items.map((item) => {
        const tier = byCode.get(item.tier);
        return { sessionId, tierId: tier?.id, quantity: item.quantity, price: tier?.price_cents };
      }),
    );
    const changed = [...byCode.values()].filter((tier) => tier.delta > 0);
    const written = await client.query<{ id: number; session_id: string }>({
      name: 'write',
      text: WRITE,
      values: [
        granted.map((g) => g.sessionId),
        concertId,
        now,
        times.deadlineAt,
        times.hardCapAt,
        expiresAt,
        items.map((i) => i.sessionId),
        items.map((i) => i.tierId),
        items.map((i) => i.quantity),
        items.map((i) => i.price),
        changed.map((tier) => tier.id),
        changed.map((tier) => tier.delta),
      ],
    });
    for (const row of written.rows) holdIds.set(row.session_id, row.id);
  }
  await client.query('COMMIT');
  return { ...decided, holdIds };
}

/** Connections with the product's batch statements prepared. */
const prepared = new WeakSet<pg.PoolClient>();

/**
 * The product's own statements and round trips: BEGIN with the concert's and tiers' locks, the
 * sessions' holds, ids for new ones and the traces of their run-out holds in the first; every row in the product's one flush
 * statement, with the COMMIT, in the second.
 */
async function productBatch(client: pg.PoolClient, concertId: string, batch: Checkout[]) {
  if (!prepared.has(client)) {
    await client.query(PREPARE_BATCH);
    prepared.add(client);
  }
  const json = (value: unknown) => sqlLiteral(JSON.stringify(value));
  const sessionIds = batch.map(() => newSessionId());
  const sessions = json(sessionIds.map((id) => [id, concertId]));
  const results = (await client.query(
    [
      'BEGIN',
      `SET LOCAL lock_timeout = ${config.postgres.lockTimeoutMs}`,
      'SET LOCAL synchronous_commit = off',
      `EXECUTE batch_concerts(${json([concertId])})`,
      `EXECUTE batch_tiers(${json([concertId])})`,
      `EXECUTE batch_holds(${sessions})`,
      `EXECUTE batch_hold_ids(${sessionIds.length})`,
      `EXECUTE batch_traces(${sessions})`,
    ].join(';\n'),
  )) as unknown as pg.QueryResult[];
  const concert = results[3]?.rows[0] as { salesEndAt: number } | undefined;
  const rows = (results[4]?.rows ?? []) as (Omit<Tier, 'price_cents' | 'sales_end_at'> & {
    priceCents: number;
  })[];
  const tiers = rows.map((row): Tier => ({
    id: row.id,
    code: row.code,
    total: row.total,
    sold: row.sold,
    held: row.held,
    waiting: row.waiting,
    price_cents: row.priceCents,
    sales_end_at: concert?.salesEndAt ?? 0,
  }));
  const reserved = (results[6]?.rows ?? []).map((row: { id: number }) => row.id);
  const now = Date.now();
  const decided = decide(tiers, batch, sessionIds, now);
  const { granted, byCode, times, expiresAt } = decided;
  const holdIds: HoldIds = new Map();
  granted.forEach(({ sessionId }, i) => holdIds.set(sessionId, reserved[i] ?? 0));
  const holds = granted.map(({ sessionId }) => ({
    id: holdIds.get(sessionId),
    sessionId,
    concertId,
    ...times,
    expiresAt,
  }));
  const items = granted.flatMap(({ checkout, sessionId }) =>
    checkout.items.map((item) => {
      const tier = byCode.get(item.tier);
      return {
        hold: holdIds.get(sessionId),
        tier: tier?.id,
        quantity: item.quantity,
        price: tier?.price_cents,
      };
    }),
  );
  const changed = [...byCode.values()].filter((tier) => tier.delta > 0);
  const lists = [
    [],
    [],
    granted.map(({ sessionId }) => ({ id: sessionId, at: now })),
    holds,
    [],
    items,
    changed.map((tier) => ({
      id: tier.id,
      held: tier.held + tier.delta,
      sold: tier.sold,
      total: tier.total,
      priceCents: tier.price_cents,
      waiting: tier.waiting,
    })),
    granted.length > 0
      ? [{ id: concertId, v: granted.length, cr: granted.length, ex: 0, co: 0 }]
      : [],
    // No bookings, replies, places or mail: holds only.
    [],
    [],
    [],
    [],
    [],
  ];
  await client.query(`EXECUTE batch_flush(${lists.map(json).join(', ')});\nCOMMIT`);
  return { ...decided, holdIds };
}

const runBatch = process.env.CEILING_STATEMENTS === 'product' ? productBatch : leanBatch;

/** Holds what it can of one concert's batch in one transaction, and answers each checkout. */
async function holdBatch(concertId: string, batch: Checkout[]): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    for (const checkout of batch) reply(checkout.res, 503, { error: String(error) });
    return;
  }
  try {
    const { granted, refused, holdIds, expiresAt } = await runBatch(client, concertId, batch);
    for (const { checkout, sessionId } of granted) {
      reply(checkout.res, 201, {
        hold: { id: holdIds.get(sessionId), concertId, items: checkout.items, expiresAt },
      });
    }
    for (const checkout of refused) reply(checkout.res, 409, { error: 'NOT_ENOUGH_TICKETS' });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    for (const checkout of batch) reply(checkout.res, 500, { error: String(error) });
  } finally {
    client.release();
  }
}

/** Checkouts waiting for their concert's next batch, and the concerts with a batch under way. */
const waiting = new Map<string, Checkout[]>();
const underWay = new Set<string>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  for (const [concertId, batch] of waiting) {
    if (underWay.has(concertId)) continue;
    waiting.delete(concertId);
    underWay.add(concertId);
    void holdBatch(concertId, batch).finally(() => {
      underWay.delete(concertId);
      if (waiting.has(concertId)) scheduleFlush();
    });
  }
}

/** After this turn's I/O, so that every checkout that arrived in it joins the batch. */
function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flush);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let request: unknown;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      request = undefined;
    }
    if (!isCheckout(request)) {
      reply(res, 400, { error: 'VALIDATION_FAILED' });
      return;
    }
    const batch = waiting.get(request.concertId) ?? [];
    batch.push({ items: request.items, res });
    waiting.set(request.concertId, batch);
    scheduleFlush();
  });
});
server.listen(0, '127.0.0.1', () => {
  console.info(`Ceiling listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});

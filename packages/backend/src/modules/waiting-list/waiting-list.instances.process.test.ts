import type { Booking } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { storedRows, storedTier } from '../../test/inspect.js';
import { pooledFetch, type PooledFetch } from '../../test/pooled-fetch.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { BUYER, GOOD_CARD, createShopper } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'encore';
const TICKETS = 4;
const WAITING = 30;
const RUSHERS = 30;
const INSTANCES = 3;

describe('a waiting list over three server processes on one PostgreSQL database', () => {
  const started = stoppedAfterEach();
  let client: PooledFetch | undefined;

  afterEach(() => {
    client?.close();
  });

  it.skipIf(postgresSkipped())(
    `${WAITING} joining on every instance, a cancellation racing ${RUSHERS} checkouts: the first ${TICKETS} in line get the offers, each bought once`,
    async () => {
      const database = started.database(
        await createSharedTestDatabase(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: TICKETS }] }],
          'postgres',
        ),
      );
      const servers = started.servers(
        await Promise.all(
          Array.from({ length: INSTANCES }, () =>
            startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
          ),
        ),
      );
      client = pooledFetch(32);
      const send = client.fetch;
      const urlOf = (i: number) => servers[i % INSTANCES]?.url ?? '';

      const buyer = createShopper(urlOf(0), send);
      expect((await buyer.checkout(CONCERT, [{ tier: 'ga', quantity: TICKETS }])).status).toBe(201);
      const bought = await buyer.book(CONCERT);
      expect(bought.status).toBe(201);
      const booking = bought.body.booking as Booking;

      const joins = await Promise.all(
        Array.from({ length: WAITING }, (_, i) =>
          createShopper(urlOf(i), send).request('POST', `/api/concerts/${CONCERT}/waiting-list`, {
            tier: 'ga',
            email: `fan${i}@example.com`,
            quantity: 1,
          }),
        ),
      );
      expect(joins.map((res) => res.status)).toEqual(joins.map(() => 201));
      const line = await storedRows<{ email: string }>(
        database.db,
        'SELECT email FROM waiting_list ORDER BY id',
      );
      expect(line).toHaveLength(WAITING);

      // The cancellation lands on one instance while checkouts for its tickets hit all three.
      const cancelling = createShopper(urlOf(1), send);
      cancelling.cookie = buyer.cookie;
      const [cancelled, ...rush] = await Promise.all([
        cancelling.cancelBooking(booking.id),
        ...Array.from({ length: RUSHERS }, (_, i) =>
          createShopper(urlOf(i), send).checkout(CONCERT, [{ tier: 'ga', quantity: 1 }]),
        ),
      ]);
      expect(cancelled.status).toBe(200);
      expect(rush.map((res) => res.status)).toEqual(rush.map(() => 409));

      const offered = await storedRows<{ email: string; token: string }>(
        database.db,
        `SELECT email, offer_token AS token FROM waiting_list WHERE status = 'OFFERED' ORDER BY id`,
      );
      const first = line.slice(0, TICKETS).map((entry) => entry.email);
      expect(offered.map((entry) => entry.email)).toEqual(first);
      const mailed = await storedRows<{ recipient: string }>(
        database.db,
        `SELECT recipient FROM mail_outbox WHERE subject LIKE '%held for you%' ORDER BY id`,
      );
      expect(mailed.map((mail) => mail.recipient).sort()).toEqual([...first].sort());

      // Each offer's link opened on three devices, one per instance, bought at the same moment.
      const purchases = await Promise.all(
        offered.flatMap((entry) =>
          Array.from({ length: INSTANCES }, (_, i) =>
            createShopper(urlOf(i), send).request('POST', '/api/bookings', {
              concertId: CONCERT,
              buyer: { ...BUYER, email: entry.email },
              payment: GOOD_CARD,
              offer: entry.token,
            }),
          ),
        ),
      );
      for (let i = 0; i < TICKETS; i += 1) {
        const devices = purchases.slice(i * INSTANCES, (i + 1) * INSTANCES);
        expect(devices.map((res) => res.status).sort()).toEqual([201, 410, 410]);
      }
      expect(await storedTier(database.db, CONCERT, 'ga')).toEqual({
        total: TICKETS,
        sold: TICKETS,
        heldCounter: 0,
        inHoldRows: 0,
        inBookings: TICKETS,
      });
      const statuses = await storedRows<{ status: string; n: number | string }>(
        database.db,
        'SELECT status, COUNT(*) AS n FROM waiting_list GROUP BY status ORDER BY status',
      );
      expect(statuses.map(({ status, n }) => [status, Number(n)])).toEqual([
        ['BOUGHT', TICKETS],
        ['WAITING', WAITING - TICKETS],
      ]);
    },
  );
});

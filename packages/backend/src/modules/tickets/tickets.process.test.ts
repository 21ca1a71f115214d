import type { Booking } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { storedRows } from '../../test/inspect.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'twin-doors';
const TOKEN = 'organizer-token-0123456789-abcdefghij';
const TICKETS = 8;

describe('check-in at two doors served by two server processes on one database', () => {
  const started = stoppedAfterEach();

  async function scanEveryTicketTwice(store: 'sqlite' | 'postgres') {
    const database = started.database(
      await createSharedTestDatabase([{ id: CONCERT, tiers: [{ code: 'ga', total: 20 }] }], store),
    );
    const env = { ...database.env, ...NO_ABUSE_LIMITS, ADMIN_TOKEN: TOKEN };
    const doors = started.servers(
      await Promise.all([startServerProcess(env), startServerProcess(env)]),
    );
    const buyer = createShopper(doors[0]?.url ?? '');
    expect((await buyer.checkout(CONCERT, [{ tier: 'ga', quantity: TICKETS }])).status).toBe(201);
    const booking = (await buyer.book(CONCERT)).body.booking as Booking;
    const codes = booking.tickets?.map((ticket) => ticket.code) ?? [];
    expect(codes).toHaveLength(TICKETS);

    const scans = await Promise.all(
      codes.flatMap((code) =>
        doors.map((door, i) =>
          createShopper(door.url).request(
            'POST',
            '/api/admin/check-ins',
            { code, door: `Door ${i + 1}` },
            { headers: { authorization: `Bearer ${TOKEN}` } },
          ),
        ),
      ),
    );

    for (let t = 0; t < TICKETS; t += 1) {
      const pair = scans.slice(t * 2, t * 2 + 2);
      expect(pair.map((res) => res.status).sort()).toEqual([200, 409]);
      expect(pair.find((res) => res.status === 409)?.body.error.code).toBe('ALREADY_CHECKED_IN');
    }
    const rows = await storedRows<{ n: number | string }>(
      database.db,
      'SELECT COUNT(*) AS n FROM check_ins',
    );
    expect(Number(rows[0]?.n)).toBe(TICKETS);
  }

  const title = 'every ticket scanned at both doors at once is let in exactly once';
  it(`on SQLite: ${title}`, () => scanEveryTicketTwice('sqlite'));
  it.skipIf(postgresSkipped())(`on PostgreSQL: ${title}`, () => scanEveryTicketTwice('postgres'));
});

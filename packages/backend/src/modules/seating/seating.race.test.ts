import { describe, expect, it } from 'vitest';
import { buildSeatPlan, type SeatPlan } from '@ticket-booking/shared';
import { storedRows, storedTier } from '../../test/inspect.js';
import { pooledFetch } from '../../test/pooled-fetch.js';
import { seededRandom } from '../../test/seeded-random.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { createShopper, type ApiResponse } from '../../test/shopper.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { NO_ABUSE_LIMITS_CONFIG } from '../../test/test-config.js';
import { createSharedTestDatabase, startTestApp, type TestConcert } from '../../test/test-app.js';

const CONCERT = 'seat-drop';
/** Two sections of 20 rows of 25: 1,000 seats. */
const PLAN: SeatPlan = buildSeatPlan({
  curved: true,
  sections: ['Left', 'Right'].map((name) => ({
    name,
    rows: 20,
    seatsPerRow: 25,
    zones: [{ tier: 'seats', rows: 20 }],
  })),
});
const SEATED: TestConcert = { id: CONCERT, tiers: [{ code: 'seats', total: 0 }], seatPlan: PLAN };
const SHOPPERS = 5_000;

interface SeatView {
  id: string;
}

function seatsHeld(res: ApiResponse): string[] {
  const items = res.body.hold.items as { seats: SeatView[] }[];
  return items.flatMap((item) => item.seats.map((s) => s.id));
}

/** 1–4 seats side by side in a random row: many shoppers want the same ones. */
function wantedSeats(random: () => number): string[] {
  const section = random() < 0.5 ? 'Left' : 'Right';
  // Most want the front rows.
  const row = PLAN.sections[0]?.rows[Math.floor(20 * random() * random())]?.label ?? 'A';
  const count = 1 + Math.floor(random() * 4);
  const first = 1 + Math.floor(random() * (25 - count + 1));
  return Array.from({ length: count }, (_, i) => `${section}-${row}-${first + i}`);
}

describe.each([
  ['SQLite', 'sqlite', false],
  ['PostgreSQL', 'postgres', postgresSkipped()],
] as const)('racing for seats on %s', (_, store, skip) => {
  const started = stoppedAfterEach();

  it.skipIf(skip)(
    'two shoppers racing for one seat: one gets it, the other a 409 naming it',
    async () => {
      const app = started.app(
        await startTestApp({
          store,
          concerts: [SEATED],
          config: { abuseLimits: NO_ABUSE_LIMITS_CONFIG },
        }),
      );
      const seats = Array.from({ length: 20 }, (_, i) => `Left-A-${i + 1}`);

      const pairs = await Promise.all(
        seats.map((seat) =>
          Promise.all([
            app.shopper(`a-${seat}`).checkoutSeats(CONCERT, [seat]),
            app.shopper(`b-${seat}`).checkoutSeats(CONCERT, [seat]),
          ]),
        ),
      );

      pairs.forEach((pair, i) => {
        expect(pair.map((res) => res.status).sort()).toEqual([201, 409]);
        const lost = pair.find((res) => res.status === 409);
        expect(lost?.body.error.code).toBe('SEATS_TAKEN');
        expect(lost?.body.error.details[0].taken).toEqual([
          expect.objectContaining({ id: seats[i] }),
        ]);
      });
      expect(await storedTier(app.db, CONCERT, 'seats')).toMatchObject({
        heldCounter: 20,
        inHoldRows: 20,
      });
    },
  );

  it.skipIf(skip)(
    `${SHOPPERS} shoppers for 1–4 seats each of 1,000, on two servers sharing the database: no seat twice, no 5xx, each bought seat in one booking`,
    async () => {
      const database = started.database(await createSharedTestDatabase([SEATED], store));
      const servers = started.servers(
        await Promise.all([
          startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
          startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
        ]),
      );
      const pool = pooledFetch(64);
      const random = seededRandom(22);
      const shoppers = Array.from({ length: SHOPPERS }, (_, i) => ({
        api: createShopper(servers[i % 2]?.url ?? '', pool.fetch),
        seats: wantedSeats(random),
      }));

      try {
        const held = await Promise.all(
          shoppers.map(({ api, seats }) => api.checkoutSeats(CONCERT, seats)),
        );

        expect(held.filter((res) => res.status >= 500)).toEqual([]);
        const winners = shoppers.filter((_, i) => held[i]?.status === 201);
        const heldSeats = held.filter((res) => res.status === 201).flatMap(seatsHeld);
        expect(new Set(heldSeats).size).toBe(heldSeats.length);
        const taken = new Set(heldSeats);
        held.forEach((res, i) => {
          if (res.status === 201) {
            expect(seatsHeld(res)).toEqual(shoppers[i]?.seats);
            return;
          }
          expect(res.body.error.code).toBe('SEATS_TAKEN');
          // Each seat named as taken is one a winner holds.
          for (const seat of res.body.error.details[0].taken as SeatView[]) {
            expect(taken.has(seat.id)).toBe(true);
          }
        });
        expect(await storedTier(database.db, CONCERT, 'seats')).toMatchObject({
          heldCounter: heldSeats.length,
          inHoldRows: heldSeats.length,
        });

        const bought = await Promise.all(winners.map(({ api }) => api.book(CONCERT)));

        expect(bought.map((res) => res.status).filter((status) => status !== 201)).toEqual([]);
        const bookedSeats = bought.flatMap((res) =>
          (res.body.booking.items as { seats: SeatView[] }[]).flatMap((item) =>
            item.seats.map((s) => s.id),
          ),
        );
        expect(bookedSeats.sort()).toEqual([...heldSeats].sort());
        const claims = await storedRows<{ bookingId: string | null; n: number }>(
          database.db,
          `SELECT booking_id AS "bookingId", COUNT(*) AS n FROM seat_claims
           WHERE concert_id = ? GROUP BY booking_id`,
          [CONCERT],
        );
        expect(claims.some((claim) => claim.bookingId === null)).toBe(false);
        expect(claims.reduce((sum, claim) => sum + claim.n, 0)).toBe(heldSeats.length);
        expect(claims.length).toBe(winners.length);
        expect(await storedTier(database.db, CONCERT, 'seats')).toMatchObject({
          sold: heldSeats.length,
          heldCounter: 0,
          inBookings: heldSeats.length,
        });
      } finally {
        pool.close();
      }
    },
  );
});

import { afterEach, describe, expect, it } from 'vitest';
import { canonicalTimeZone, toLocalDateTime } from '@ticket-booking/shared';
import { storedRows, storedTier } from '../test/inspect.js';
import { createTestDatabase } from '../test/test-app.js';
import { seedDemo, seedIfEmpty } from './seed.js';

const NOW = Date.UTC(2030, 5, 1);

describe('demo data', () => {
  let remove: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await remove?.();
  });

  it('seeds upcoming concerts with VIP, Front Row and General Admission, one nearly sold out', async () => {
    const database = await createTestDatabase([], NOW);
    remove = database.remove;

    const count = await seedDemo(database.db, NOW);

    const concerts = await database.db.concerts.listOnSale(NOW);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(concerts).toHaveLength(count);
    for (const concert of concerts.filter((c) => c.tiers.every((tier) => tier.seats === 0))) {
      expect(concert.startsAt).toBeGreaterThan(NOW);
      expect(concert.tiers.map((tier) => tier.name)).toEqual([
        'VIP',
        'Front Row',
        'General Admission',
      ]);
      expect(concert.tiers[0]?.priceCents).toBeGreaterThan(concert.tiers[2]?.priceCents ?? 0);
    }
    const left = (c: (typeof concerts)[number]) =>
      c.tiers.reduce((sum, t) => sum + t.total - t.sold, 0) /
      c.tiers.reduce((s, t) => s + t.total, 0);
    expect(concerts.some((concert) => left(concert) < 0.05)).toBe(true);
  });

  it('seats a hall of 2,000 to 5,000 with some seats sold, beside standing room, in one concert', async () => {
    const database = await createTestDatabase([], NOW);
    remove = database.remove;

    await seedDemo(database.db, NOW);

    const concerts = await database.db.concerts.listOnSale(NOW);
    const hall = concerts.find((concert) => concert.tiers.some((tier) => tier.seats > 0));
    const seats = hall?.tiers.reduce((sum, tier) => sum + tier.seats, 0) ?? 0;
    expect(seats).toBeGreaterThanOrEqual(2_000);
    expect(seats).toBeLessThanOrEqual(5_000);
    expect(hall?.tiers.some((tier) => tier.seats === 0)).toBe(true);
    for (const tier of hall?.tiers ?? []) {
      if (tier.seats > 0) expect(tier.total).toBe(tier.seats);
    }
    const claims = await storedRows<{ tier: string; n: number }>(
      database.db,
      `SELECT t.code AS tier, COUNT(*) AS n FROM seat_claims c
       JOIN seats s ON s.concert_id = c.concert_id AND s.seat = c.seat
       JOIN tiers t ON t.id = s.tier_id
       WHERE c.booking_id IS NOT NULL GROUP BY t.code ORDER BY t.code`,
    );
    expect(claims).toEqual(
      (hall?.tiers ?? [])
        .filter((tier) => tier.seats > 0)
        .map((tier) => ({ tier: tier.code, n: tier.sold }))
        .sort((a, b) => a.tier.localeCompare(b.tier)),
    );
  });

  it('puts every show at 19:30 in the time zone of its venue, in summer and in winter', async () => {
    const database = await createTestDatabase([], NOW);
    remove = database.remove;
    const winter = Date.UTC(2030, 11, 1);

    await seedDemo(database.db, NOW);
    const summerShows = await database.db.concerts.listOnSale(NOW);
    await seedDemo(database.db, winter);
    const winterShows = await database.db.concerts.listOnSale(winter);

    for (const concert of [...summerShows, ...winterShows]) {
      expect(canonicalTimeZone(concert.timeZone)).toBe(concert.timeZone);
      expect(concert.timeZone).toMatch(/^[A-Z][a-z]+\//);
      expect(toLocalDateTime(concert.startsAt, concert.timeZone)).toMatch(/T19:30$/);
      expect(concert.salesEndAt).toBe(concert.startsAt);
    }
  });

  it('every ticket shown as sold belongs to a confirmed booking', async () => {
    const database = await createTestDatabase([], NOW);
    remove = database.remove;

    await seedDemo(database.db, NOW);

    for (const concert of await database.db.concerts.listOnSale(NOW)) {
      for (const tier of concert.tiers) {
        const stored = await storedTier(database.db, concert.id, tier.code);
        expect(stored.sold).toBe(stored.inBookings);
      }
    }
  });

  it('seeding again resets the database to the demo state', async () => {
    const database = await createTestDatabase(
      [{ id: 'old-show', tiers: [{ code: 'ga', total: 5 }] }],
      NOW,
    );
    remove = database.remove;

    const first = await seedDemo(database.db, NOW);
    const second = await seedDemo(database.db, NOW);

    const ids = (await database.db.concerts.listOnSale(NOW)).map((c) => c.id);
    expect(second).toBe(first);
    expect(ids).not.toContain('old-show');
    expect(ids).toHaveLength(first);
  });

  it('a first run seeds an empty database and leaves one with concerts alone', async () => {
    const empty = await createTestDatabase([], NOW);
    const used = await createTestDatabase(
      [{ id: 'own-show', tiers: [{ code: 'ga', total: 5 }] }],
      NOW,
    );
    remove = async () => {
      await empty.remove();
      await used.remove();
    };

    expect(await seedIfEmpty(empty.db, NOW)).toBeGreaterThanOrEqual(4);
    expect(await seedIfEmpty(used.db, NOW)).toBe(0);
    expect((await used.db.concerts.listOnSale(NOW)).map((c) => c.id)).toEqual(['own-show']);
  });
});

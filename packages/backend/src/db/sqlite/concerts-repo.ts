import type { Statement } from 'better-sqlite3';
import { DEFAULT_OFFER_MINUTES } from '@ticket-booking/shared';
import {
  type AvailabilityRecord,
  type ConcertRecord,
  type ConcertSchedule,
  type ConcertSettings,
  type ConcertsRepo,
  type NewConcert,
  type TierRecord,
} from '../../modules/concerts/concerts.repo.js';
import type { Sqlite } from './driver.js';

interface ConcertRow extends ConcertSchedule {
  id: string;
  name: string;
  artist: string;
  venue: string;
}

/** Rows from before the end of sales was stored end at the start. */
const CONCERT_COLUMNS = `id, name, artist, venue, starts_at AS startsAt,
  COALESCE(sales_end_at, starts_at) AS salesEndAt, time_zone AS timeZone,
  COALESCE(on_sale_at, created_at) AS onSaleAt, max_tickets_per_buyer AS maxTicketsPerBuyer,
  admit_per_minute AS admitPerMinute, places_drawn_at AS placesDrawnAt,
  offer_minutes AS offerMinutes`;

const TIER_COLUMNS = `
  t.id, t.concert_id AS concertId, t.code, t.name, t.price_cents AS priceCents, t.currency,
  t.total, t.sold, t.waiting, t.seats`;

/**
 * `tiers.held` also counts holds that have run out but not been swept yet; a read subtracts those
 * (found through the expiry index, so the cost follows the few unswept holds, not all holds).
 */
const LIVE_HELD = `
  t.held - COALESCE((
    SELECT SUM(hi.quantity)
    FROM holds h JOIN hold_items hi ON hi.hold_id = h.id AND hi.tier_id = t.id
    WHERE h.concert_id = t.concert_id AND h.expires_at <= @now
  ), 0) AS held`;

function toConcert(row: ConcertRow, tiers: TierRecord[]): ConcertRecord {
  return { ...row, tiers };
}

/** One concert with its live tiers, read in one snapshot: for the other repositories too. */
export function createConcertReads(sqlite: Sqlite): {
  concertRow: Statement<[string], ConcertRow>;
  liveTiersOf: Statement<{ now: number; concertId: string }, TierRecord>;
  readOne: (concertId: string, now: number) => ConcertRecord | undefined;
} {
  const concertRow = sqlite.prepare<[string], ConcertRow>(
    `SELECT ${CONCERT_COLUMNS} FROM concerts WHERE id = ?`,
  );
  const liveTiersOf = sqlite.prepare<{ now: number; concertId: string }, TierRecord>(
    `SELECT ${TIER_COLUMNS}, ${LIVE_HELD} FROM tiers t
     WHERE t.concert_id = @concertId ORDER BY t.position`,
  );
  const readOne = sqlite.transaction((concertId: string, now: number) => {
    const row = concertRow.get(concertId);
    return row && toConcert(row, liveTiersOf.all({ now, concertId }));
  });
  return { concertRow, liveTiersOf, readOne };
}

export function createConcertsRepo(sqlite: Sqlite): ConcertsRepo {
  const onSaleRows = sqlite.prepare<{ now: number }, ConcertRow>(
    `SELECT ${CONCERT_COLUMNS} FROM concerts
     WHERE COALESCE(sales_end_at, starts_at) > @now ORDER BY starts_at, id`,
  );
  const allRows = sqlite.prepare<[], ConcertRow>(
    `SELECT ${CONCERT_COLUMNS} FROM concerts ORDER BY starts_at, id`,
  );
  const allTiers = sqlite.prepare<{ now: number }, TierRecord>(
    `SELECT ${TIER_COLUMNS}, ${LIVE_HELD} FROM tiers t ORDER BY t.concert_id, t.position`,
  );
  const onSaleTiers = sqlite.prepare<{ now: number }, TierRecord>(
    `SELECT ${TIER_COLUMNS}, ${LIVE_HELD} FROM tiers t
     WHERE t.concert_id IN (SELECT id FROM concerts WHERE COALESCE(sales_end_at, starts_at) > @now)
     ORDER BY t.concert_id, t.position`,
  );
  const countedTiersOf = sqlite.prepare<[string], TierRecord>(
    `SELECT ${TIER_COLUMNS}, t.held FROM tiers t WHERE t.concert_id = ? ORDER BY t.position`,
  );
  const changeHeld = sqlite.prepare<[number, number]>(
    'UPDATE tiers SET held = held + ? WHERE id = ?',
  );
  const sellHeld = sqlite.prepare<[number, number, number]>(
    'UPDATE tiers SET sold = sold + ?, held = held - ? WHERE id = ?',
  );
  const changeWaiting = sqlite.prepare<[number, number]>(
    'UPDATE tiers SET waiting = waiting + ? WHERE id = ?',
  );
  const returnSold = sqlite.prepare<[number, number]>(
    'UPDATE tiers SET sold = sold - ? WHERE id = ?',
  );
  const scheduleOf = sqlite.prepare<[string], ConcertSchedule>(
    `SELECT name, artist, venue, starts_at AS startsAt,
            COALESCE(sales_end_at, starts_at) AS salesEndAt,
            time_zone AS timeZone, COALESCE(on_sale_at, created_at) AS onSaleAt,
            max_tickets_per_buyer AS maxTicketsPerBuyer, admit_per_minute AS admitPerMinute,
            places_drawn_at AS placesDrawnAt, offer_minutes AS offerMinutes
     FROM concerts WHERE id = ?`,
  );
  const addSold = sqlite.prepare<[number, number]>('UPDATE tiers SET sold = sold + ? WHERE id = ?');
  const insertConcert = sqlite.prepare(
    `INSERT INTO concerts (id, name, artist, venue, starts_at, sales_end_at, time_zone,
                           max_tickets_per_buyer, on_sale_at, admit_per_minute, offer_minutes,
                           created_at)
     VALUES (@id, @name, @artist, @venue, @startsAt, @salesEndAt, @timeZone, @maxTicketsPerBuyer,
             @onSaleAt, @admitPerMinute, @offerMinutes, @createdAt)`,
  );
  const insertTier = sqlite.prepare(
    `INSERT INTO tiers (concert_id, code, name, position, price_cents, currency, total, seats)
     VALUES (@concertId, @code, @name, @position, @priceCents, @currency, @total, @seats)`,
  );
  const bumpVersion = sqlite.prepare<[string]>(
    'UPDATE concerts SET availability_version = availability_version + 1 WHERE id = ?',
  );
  const versionOf = sqlite
    .prepare<[string], number>('SELECT availability_version FROM concerts WHERE id = ?')
    .pluck();
  const countHolds = sqlite.prepare<{
    concertId: string;
    created: number;
    expired: number;
    converted: number;
  }>(
    `UPDATE concerts SET holds_created = holds_created + @created,
       holds_expired = holds_expired + @expired, holds_converted = holds_converted + @converted
     WHERE id = @concertId`,
  );
  const updateTier = sqlite.prepare<{ id: number; total: number; priceCents: number }>(
    'UPDATE tiers SET total = @total, price_cents = @priceCents WHERE id = @id',
  );
  const updateSettings = sqlite.prepare<ConcertSettings & { id: string }>(
    `UPDATE concerts SET max_tickets_per_buyer = @maxTicketsPerBuyer, on_sale_at = @onSaleAt,
       admit_per_minute = @admitPerMinute, offer_minutes = @offerMinutes
     WHERE id = @id`,
  );
  const countConcerts = sqlite.prepare<[], number>('SELECT COUNT(*) FROM concerts').pluck();

  const readList = sqlite.transaction((now: number, onSaleOnly: boolean) => {
    const tiersByConcert = new Map<string, TierRecord[]>();
    for (const tier of (onSaleOnly ? onSaleTiers : allTiers).all({ now })) {
      const list = tiersByConcert.get(tier.concertId);
      if (list) list.push(tier);
      else tiersByConcert.set(tier.concertId, [tier]);
    }
    const rows = onSaleOnly ? onSaleRows.all({ now }) : allRows.all();
    return rows.map((row) => toConcert(row, tiersByConcert.get(row.id) ?? []));
  });

  const { concertRow, liveTiersOf, readOne } = createConcertReads(sqlite);

  const readAvailability = sqlite.transaction((concertId: string, now: number) => {
    const version = versionOf.get(concertId);
    return version === undefined
      ? undefined
      : { concertId, version, tiers: liveTiersOf.all({ now, concertId }) };
  });

  return {
    /** The concerts whose sales are open at `now`, soonest first, with availability as of `now`. */
    async listOnSale(now: number): Promise<ConcertRecord[]> {
      return readList(now, true);
    },

    /** Every concert, past ones too, soonest first, with availability as of `now`. */
    async listAll(now: number): Promise<ConcertRecord[]> {
      return readList(now, false);
    },

    async find(concertId: string, now: number): Promise<ConcertRecord | undefined> {
      return readOne(concertId, now);
    },

    /** The concert's counts as of `now` and the version they carry, read in one snapshot. */
    async availability(concertId: string, now: number): Promise<AvailabilityRecord | undefined> {
      return readAvailability(concertId, now);
    },

    /** Marks a change to the concert's counts; call it inside the transaction that made it. */
    async bumpVersion(concertId: string): Promise<void> {
      bumpVersion.run(concertId);
    },

    /**
     * Adds to the concert's lasting counts of holds created, swept after running out, and bought;
     * call it inside the transaction that did so.
     */
    async countHolds(
      concertId: string,
      counts: Partial<Record<'created' | 'expired' | 'converted', number>>,
    ): Promise<void> {
      countHolds.run({ concertId, created: 0, expired: 0, converted: 0, ...counts });
    },

    async updateSettings(concertId: string, settings: ConcertSettings): Promise<void> {
      updateSettings.run({ id: concertId, ...settings });
    },

    /** Sets a tier's capacity and price; `CHECK (sold + held <= total)` still guards the stock. */
    async updateTier(tierId: number, change: { total: number; priceCents: number }): Promise<void> {
      updateTier.run({ id: tierId, ...change });
    },

    async exists(concertId: string): Promise<boolean> {
      return concertRow.get(concertId) !== undefined;
    },

    /**
     * The tiers with their stored held counters. Inside a write transaction, after the concert's
     * run-out holds were swept, those counters are exactly the live holds.
     */
    async tiersForUpdate(concertId: string): Promise<TierRecord[]> {
      return countedTiersOf.all(concertId);
    },

    async changeHeld(tierId: number, delta: number): Promise<void> {
      changeHeld.run(delta, tierId);
    },

    async changeWaiting(tierId: number, delta: number): Promise<void> {
      changeWaiting.run(delta, tierId);
    },

    /** Held tickets become sold ones. */
    async sellHeld(tierId: number, quantity: number): Promise<void> {
      sellHeld.run(quantity, quantity, tierId);
    },

    /** Tickets sold without a hold (the box office), booked in the same transaction. */
    async addSold(tierId: number, quantity: number): Promise<void> {
      addSold.run(quantity, tierId);
    },

    /** Sold tickets go back on sale: a cancelled booking's, in the same transaction. */
    async returnSold(tierId: number, quantity: number): Promise<void> {
      returnSold.run(quantity, tierId);
    },

    /** When the concert starts and its sales end, and where; undefined if there is no such concert. */
    async schedule(concertId: string): Promise<ConcertSchedule | undefined> {
      return scheduleOf.get(concertId);
    },

    async insert(concert: NewConcert, now: number): Promise<void> {
      const { tiers, ...row } = concert;
      insertConcert.run({
        ...row,
        salesEndAt: row.salesEndAt ?? row.startsAt,
        onSaleAt: row.onSaleAt ?? now,
        admitPerMinute: row.admitPerMinute ?? null,
        offerMinutes: row.offerMinutes ?? DEFAULT_OFFER_MINUTES,
        createdAt: now,
      });
      tiers.forEach((tier, position) => {
        insertTier.run({ ...tier, seats: tier.seats ?? 0, concertId: concert.id, position });
      });
    },

    async count(): Promise<number> {
      return countConcerts.get() ?? 0;
    },
  };
}

import { DEFAULT_OFFER_MINUTES } from '@ticket-booking/shared';
import type {
  AvailabilityRecord,
  ConcertRecord,
  ConcertSchedule,
  ConcertSettings,
  ConcertsRepo,
  HoldCountName,
  NewConcert,
  TierRecord,
} from '../../modules/concerts/concerts.repo.js';
import type { Queries } from './queries.js';

const CONCERT_COLUMNS = `c.id, c.name, c.artist, c.venue, c.starts_at AS "startsAt",
  c.sales_end_at AS "salesEndAt", c.time_zone AS "timeZone",
  COALESCE(c.on_sale_at, c.created_at) AS "onSaleAt",
  c.max_tickets_per_buyer AS "maxTicketsPerBuyer", c.admit_per_minute AS "admitPerMinute",
  c.places_drawn_at AS "placesDrawnAt", c.offer_minutes AS "offerMinutes"`;

/** A concert's schedule and sale settings, as a write reads them under the concert's lock. */
export const SCHEDULE_COLUMNS = `name, artist, venue, starts_at AS "startsAt", sales_end_at AS "salesEndAt",
  time_zone AS "timeZone", COALESCE(on_sale_at, created_at) AS "onSaleAt",
  max_tickets_per_buyer AS "maxTicketsPerBuyer", admit_per_minute AS "admitPerMinute",
  places_drawn_at AS "placesDrawnAt", offer_minutes AS "offerMinutes"`;

const TIER_COLUMNS = `t.id, t.concert_id AS "concertId", t.code, t.name,
  t.price_cents AS "priceCents", t.currency, t.total, t.sold, t.held, t.waiting, t.seats`;

/**
 * The concert's tiers as a JSON list in position order, with `held` as of `$1` (the time):
 * `tiers.held` also counts holds that have run out but not been swept yet, which are subtracted
 * (found through the expiry index, so the cost follows the few unswept holds). One statement
 * reads the concert and its tiers in one snapshot.
 */
const LIVE_TIERS = `COALESCE((
  SELECT json_agg(json_build_object(
           'id', t.id, 'concertId', t.concert_id, 'code', t.code, 'name', t.name,
           'priceCents', t.price_cents, 'currency', t.currency, 'total', t.total,
           'sold', t.sold, 'waiting', t.waiting, 'seats', t.seats,
           'held', t.held - COALESCE((
             SELECT SUM(hi.quantity)
             FROM holds h JOIN hold_items hi ON hi.hold_id = h.id AND hi.tier_id = t.id
             WHERE h.concert_id = t.concert_id AND h.expires_at <= $1), 0))
         ORDER BY t.position)
  FROM tiers t WHERE t.concert_id = c.id), '[]'::json) AS tiers`;

/** A concert with its live tiers as of `$1`, when `$2` is its id: for the organizer's figures too. */
export const CONCERT_BY_ID = `SELECT ${CONCERT_COLUMNS}, ${LIVE_TIERS} FROM concerts c WHERE c.id = $2`;

export function createConcertsRepo(q: Queries): ConcertsRepo {
  async function one<R extends object>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await q.rows<R>(text, values))[0];
  }

  return {
    async listOnSale(now: number): Promise<ConcertRecord[]> {
      return q.rows<ConcertRecord>(
        `SELECT ${CONCERT_COLUMNS}, ${LIVE_TIERS} FROM concerts c
         WHERE c.sales_end_at > $1 ORDER BY c.starts_at, c.id`,
        [now],
      );
    },

    async listAll(now: number): Promise<ConcertRecord[]> {
      return q.rows<ConcertRecord>(
        `SELECT ${CONCERT_COLUMNS}, ${LIVE_TIERS} FROM concerts c ORDER BY c.starts_at, c.id`,
        [now],
      );
    },

    async find(concertId: string, now: number): Promise<ConcertRecord | undefined> {
      return one<ConcertRecord>(CONCERT_BY_ID, [now, concertId]);
    },

    async availability(concertId: string, now: number): Promise<AvailabilityRecord | undefined> {
      return one<AvailabilityRecord>(
        `SELECT c.id AS "concertId", c.availability_version AS version, ${LIVE_TIERS}
         FROM concerts c WHERE c.id = $2`,
        [now, concertId],
      );
    },

    async exists(concertId: string): Promise<boolean> {
      return (await q.rows('SELECT 1 FROM concerts WHERE id = $1', [concertId])).length > 0;
    },

    /** In a write, the first thing it reads of the concert: it takes the concert's lock. */
    async schedule(concertId: string): Promise<ConcertSchedule | undefined> {
      if (!q.write) {
        return one<ConcertSchedule>(`SELECT ${SCHEDULE_COLUMNS} FROM concerts WHERE id = $1`, [
          concertId,
        ]);
      }
      const row = await one<ConcertSchedule>(
        `SELECT ${SCHEDULE_COLUMNS} FROM concerts WHERE id = $1 FOR NO KEY UPDATE`,
        [concertId],
      );
      if (row) q.write.tookConcert(concertId);
      return row;
    },

    /**
     * In a write, the count holds until the transaction ends: instances seeding an empty
     * database at once take turns, and only the first adds the demo concerts.
     */
    async count(): Promise<number> {
      if (q.write) await q.run('LOCK TABLE concerts IN SHARE ROW EXCLUSIVE MODE');
      const row = await one<{ n: number }>('SELECT COUNT(*) AS n FROM concerts', []);
      return row?.n ?? 0;
    },

    /** Locked in id order, whoever asks, so that two writers never wait for each other's tiers. */
    async tiersForUpdate(concertId: string): Promise<TierRecord[]> {
      await q.write?.concert(concertId);
      return q.rows<TierRecord>(
        `SELECT id, "concertId", code, name, "priceCents", currency, total, sold, held, waiting
         FROM (SELECT ${TIER_COLUMNS}, t.position FROM tiers t
               WHERE t.concert_id = $1 ORDER BY t.id FOR NO KEY UPDATE) locked
         ORDER BY position`,
        [concertId],
      );
    },

    async bumpVersion(concertId: string): Promise<void> {
      await q.run(
        'UPDATE concerts SET availability_version = availability_version + 1 WHERE id = $1',
        [concertId],
      );
      q.write?.tookConcert(concertId);
      q.write?.bumped();
    },

    async countHolds(
      concertId: string,
      counts: Partial<Record<HoldCountName, number>>,
    ): Promise<void> {
      await q.run(
        `UPDATE concerts SET holds_created = holds_created + $2,
           holds_expired = holds_expired + $3, holds_converted = holds_converted + $4
         WHERE id = $1`,
        [concertId, counts.created ?? 0, counts.expired ?? 0, counts.converted ?? 0],
      );
      q.write?.tookConcert(concertId);
    },

    async updateSettings(concertId: string, settings: ConcertSettings): Promise<void> {
      await q.write?.concert(concertId);
      await q.run(
        `UPDATE concerts SET max_tickets_per_buyer = $2, on_sale_at = $3, admit_per_minute = $4,
           offer_minutes = $5
         WHERE id = $1`,
        [
          concertId,
          settings.maxTicketsPerBuyer,
          settings.onSaleAt,
          settings.admitPerMinute,
          settings.offerMinutes,
        ],
      );
    },

    async updateTier(tierId: number, change: { total: number; priceCents: number }): Promise<void> {
      await q.run('UPDATE tiers SET total = $2, price_cents = $3 WHERE id = $1', [
        tierId,
        change.total,
        change.priceCents,
      ]);
    },

    async changeHeld(tierId: number, delta: number): Promise<void> {
      await q.run('UPDATE tiers SET held = held + $2 WHERE id = $1', [tierId, delta]);
    },

    async changeWaiting(tierId: number, delta: number): Promise<void> {
      await q.run('UPDATE tiers SET waiting = waiting + $2 WHERE id = $1', [tierId, delta]);
    },

    async sellHeld(tierId: number, quantity: number): Promise<void> {
      await q.run('UPDATE tiers SET sold = sold + $2, held = held - $2 WHERE id = $1', [
        tierId,
        quantity,
      ]);
    },

    async addSold(tierId: number, quantity: number): Promise<void> {
      await q.run('UPDATE tiers SET sold = sold + $2 WHERE id = $1', [tierId, quantity]);
    },

    async returnSold(tierId: number, quantity: number): Promise<void> {
      await q.run('UPDATE tiers SET sold = sold - $2 WHERE id = $1', [tierId, quantity]);
    },

    /** The concert and its tiers in one statement. */
    async insert(concert: NewConcert, now: number): Promise<void> {
      const tiers = concert.tiers.map((tier, position) => ({ ...tier, position }));
      await q.run(
        `WITH concert AS (
           INSERT INTO concerts (id, name, artist, venue, starts_at, sales_end_at, time_zone,
                                 max_tickets_per_buyer, on_sale_at, admit_per_minute,
                                 offer_minutes, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $10, $11, $12, $13, $8))
         INSERT INTO tiers (concert_id, code, name, position, price_cents, currency, total, seats)
         SELECT $1, x.code, x.name, x.position, x."priceCents", x.currency, x.total,
                COALESCE(x.seats, 0)
         FROM json_to_recordset($9) AS x(code TEXT, name TEXT, position INTEGER,
                                         "priceCents" INTEGER, currency TEXT, total INTEGER,
                                         seats INTEGER)`,
        [
          concert.id,
          concert.name,
          concert.artist,
          concert.venue,
          concert.startsAt,
          concert.salesEndAt ?? concert.startsAt,
          concert.timeZone,
          now,
          JSON.stringify(tiers),
          concert.maxTicketsPerBuyer,
          concert.onSaleAt ?? now,
          concert.admitPerMinute ?? null,
          concert.offerMinutes ?? DEFAULT_OFFER_MINUTES,
        ],
      );
    },
  };
}

import {
  type HoldCounts,
  type OrganizerRepo,
  type SalesBucketRecord,
  type SalesRecord,
} from '../../modules/organizer/organizer.repo.js';
import { createConcertReads } from './concerts-repo.js';
import type { Sqlite } from './driver.js';

const MINUTE_MS = 60_000;

export function createOrganizerRepo(sqlite: Sqlite): OrganizerRepo {
  const concerts = createConcertReads(sqlite);
  const holdCounts = sqlite.prepare<{ concertId: string; now: number }, HoldCounts>(
    `SELECT c.holds_created AS created, c.holds_converted AS converted,
            c.holds_expired + (SELECT COUNT(*) FROM holds h
                                WHERE h.concert_id = c.id AND h.expires_at <= @now) AS expired
     FROM concerts c WHERE c.id = @concertId`,
  );
  const revenueByTier = sqlite.prepare<[string], { tierId: number; revenueCents: number }>(
    `SELECT bi.tier_id AS tierId, SUM(bi.quantity * bi.unit_price_cents) AS revenueCents
     FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
     WHERE b.concert_id = ? AND b.status = 'CONFIRMED'
     GROUP BY bi.tier_id`,
  );
  const liveHoldsByTier = sqlite.prepare<
    { concertId: string; now: number },
    { tierId: number; holds: number }
  >(
    `SELECT hi.tier_id AS tierId, COUNT(*) AS holds
     FROM holds h JOIN hold_items hi ON hi.hold_id = h.id
     WHERE h.concert_id = @concertId AND h.expires_at > @now
     GROUP BY hi.tier_id`,
  );
  const checkedInByTier = sqlite.prepare<[string], { tierId: number; checkedIn: number }>(
    `SELECT ci.tier_id AS tierId, COUNT(*) AS checkedIn
     FROM check_ins ci JOIN tiers t ON t.id = ci.tier_id
     WHERE t.concert_id = ?
     GROUP BY ci.tier_id`,
  );
  // The minute is written into the SQL: a bound JavaScript number is a REAL, which would make
  // the division exact instead of rounding down to the minute.
  const buckets = sqlite.prepare<[string], SalesBucketRecord>(
    `SELECT (b.created_at / ${MINUTE_MS}) * ${MINUTE_MS} AS at, SUM(bi.quantity) AS tickets,
            SUM(bi.quantity * bi.unit_price_cents) AS revenueCents
     FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
     WHERE b.concert_id = ? AND b.status = 'CONFIRMED'
     GROUP BY 1 ORDER BY 1`,
  );

  const readSales = sqlite.transaction((concertId: string, now: number) => {
    const concert = concerts.readOne(concertId, now);
    const holds = holdCounts.get({ concertId, now });
    if (!concert || !holds) return undefined;
    return {
      concert,
      holds,
      revenueByTier: new Map(revenueByTier.all(concertId).map((r) => [r.tierId, r.revenueCents])),
      liveHoldsByTier: new Map(
        liveHoldsByTier.all({ concertId, now }).map((r) => [r.tierId, r.holds]),
      ),
      checkedInByTier: new Map(checkedInByTier.all(concertId).map((r) => [r.tierId, r.checkedIn])),
      buckets: buckets.all(concertId),
    };
  });

  return {
    /** Everything the organizer's sales figures need, as of `now`, read in one snapshot. */
    async sales(concertId: string, now: number): Promise<SalesRecord | undefined> {
      return readSales(concertId, now);
    },
  };
}

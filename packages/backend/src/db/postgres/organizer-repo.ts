import type { ConcertRecord } from '../../modules/concerts/concerts.repo.js';
import type {
  HoldCounts,
  OrganizerRepo,
  SalesBucketRecord,
  SalesRecord,
} from '../../modules/organizer/organizer.repo.js';
import { CONCERT_BY_ID } from './concerts-repo.js';
import type { Queries } from './queries.js';

const MINUTE_MS = 60_000;

export function createOrganizerRepo(q: Queries): OrganizerRepo {
  return {
    /** Five statements in one snapshot. */
    async sales(concertId: string, now: number): Promise<SalesRecord | undefined> {
      return q.snapshot(async (s) => {
        const [concert] = await s.rows<ConcertRecord>(CONCERT_BY_ID, [now, concertId]);
        const [holds] = await s.rows<HoldCounts>(
          `SELECT c.holds_created AS created, c.holds_converted AS converted,
                  c.holds_expired + (SELECT COUNT(*) FROM holds h
                                      WHERE h.concert_id = c.id AND h.expires_at <= $2) AS expired
           FROM concerts c WHERE c.id = $1`,
          [concertId, now],
        );
        if (!concert || !holds) return undefined;
        const revenue = await s.rows<{ tierId: number; revenueCents: number }>(
          `SELECT bi.tier_id AS "tierId", SUM(bi.quantity * bi.unit_price_cents) AS "revenueCents"
           FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
           WHERE b.concert_id = $1 AND b.status = 'CONFIRMED'
           GROUP BY bi.tier_id`,
          [concertId],
        );
        const liveHolds = await s.rows<{ tierId: number; holds: number }>(
          `SELECT hi.tier_id AS "tierId", COUNT(*) AS holds
           FROM holds h JOIN hold_items hi ON hi.hold_id = h.id
           WHERE h.concert_id = $1 AND h.expires_at > $2
           GROUP BY hi.tier_id`,
          [concertId, now],
        );
        const checkedIn = await s.rows<{ tierId: number; checkedIn: number }>(
          `SELECT ci.tier_id AS "tierId", COUNT(*)::INTEGER AS "checkedIn"
           FROM check_ins ci JOIN tiers t ON t.id = ci.tier_id
           WHERE t.concert_id = $1
           GROUP BY ci.tier_id`,
          [concertId],
        );
        const buckets = await s.rows<SalesBucketRecord>(
          `SELECT (b.created_at / ${MINUTE_MS}) * ${MINUTE_MS} AS at,
                  SUM(bi.quantity) AS tickets,
                  SUM(bi.quantity * bi.unit_price_cents) AS "revenueCents"
           FROM bookings b JOIN booking_items bi ON bi.booking_id = b.id
           WHERE b.concert_id = $1 AND b.status = 'CONFIRMED'
           GROUP BY 1 ORDER BY 1`,
          [concertId],
        );
        return {
          concert,
          holds,
          revenueByTier: new Map(revenue.map((r) => [r.tierId, r.revenueCents])),
          liveHoldsByTier: new Map(liveHolds.map((r) => [r.tierId, r.holds])),
          checkedInByTier: new Map(checkedIn.map((r) => [r.tierId, r.checkedIn])),
          buckets,
        };
      });
    },
  };
}

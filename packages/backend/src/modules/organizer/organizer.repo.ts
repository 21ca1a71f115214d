import type { ConcertRecord } from '../concerts/concerts.repo.js';

export interface HoldCounts {
  created: number;
  /** Swept after running out, plus those that ran out and wait to be swept. */
  expired: number;
  converted: number;
}

export interface SalesBucketRecord {
  /** Epoch milliseconds at the start of the minute. */
  at: number;
  tickets: number;
  revenueCents: number;
}

export interface SalesRecord {
  concert: ConcertRecord;
  holds: HoldCounts;
  revenueByTier: Map<number, number>;
  liveHoldsByTier: Map<number, number>;
  /** Tickets let in at the doors, by tier. */
  checkedInByTier: Map<number, number>;
  buckets: SalesBucketRecord[];
}

export interface OrganizerRepo {
  /** Everything the organizer's sales figures need, as of `now`, read in one snapshot. */
  sales(concertId: string, now: number): Promise<SalesRecord | undefined>;
}

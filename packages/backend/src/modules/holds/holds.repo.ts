import type { HoldTimes } from '@ticket-booking/shared';

export interface HoldItemRecord {
  tierId: number;
  code: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
}

export interface HoldRecord extends HoldTimes {
  id: number;
  sessionId: string;
  concertId: string;
  expiresAt: number;
  items: HoldItemRecord[];
}

export interface ReleasedTickets {
  concertId: string;
  tierId: number;
  quantity: number;
}

/** For `limit`: every hold that ran out. */
export const ALL_EXPIRED = -1;

/** Shoppers' holds on tickets, and the traces of those that ran out. */
export interface HoldsRepo {
  /** This session's hold on the concert, live or run out but not yet swept. */
  find(sessionId: string, concertId: string): Promise<HoldRecord | undefined>;
  /** Creates the session's hold on the concert, or overwrites its times; returns its id. */
  save(sessionId: string, concertId: string, times: HoldTimes, expiresAt: number): Promise<number>;
  /** The items at the prices the shopper is shown now, which the hold then keeps. */
  replaceItems(
    holdId: number,
    items: readonly { tierId: number; quantity: number; unitPriceCents: number }[],
  ): Promise<void>;
  updateTimes(holdId: number, times: HoldTimes, expiresAt: number): Promise<void>;
  /** Deletes the hold, given back or bought: the session's earlier one running out is moot. */
  delete(hold: Pick<HoldRecord, 'id' | 'sessionId' | 'concertId'>): Promise<void>;
  /** Whether the session's last hold on the concert was swept, having run out after `since`. */
  ranOut(sessionId: string, concertId: string, since: number): Promise<boolean>;
  /** Forgets at most `limit` traces of holds that ran out by `cutoff`; returns how many. */
  forgetRunOutUntil(cutoff: number, limit: number): Promise<number>;
  /** Whether any of the concert's holds ran out by `now`: cheap, as most sweeps find none. */
  anyExpired(concertId: string, now: number): Promise<boolean>;
  /**
   * Tickets per tier in the first `limit` of the concert's holds to run out at or before `now`
   * (all of them for `ALL_EXPIRED`): the holds `deleteExpired` with the same arguments deletes.
   */
  expiredTickets(concertId: string, now: number, limit: number): Promise<ReleasedTickets[]>;
  /**
   * Deletes the holds `expiredTickets` counted, leaving a trace of each for `ranOut`. Returns
   * how many it deleted.
   */
  deleteExpired(concertId: string, now: number, limit: number): Promise<number>;
  concertsWithExpiredHolds(now: number): Promise<string[]>;
}

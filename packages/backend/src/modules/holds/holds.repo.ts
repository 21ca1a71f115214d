import type { HoldTimes, SeatRef } from '@ticket-booking/shared';

export interface HoldItemRecord {
  tierId: number;
  code: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
  currency: string;
  /** In a seated tier: its seats, when the service has read them. */
  seats?: SeatRef[];
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

/** Whose a hold is: a session's, on a concert, asked for from a client's address. */
export interface HoldOwner {
  sessionId: string;
  concertId: string;
  /** As the per-address limit counts it: IPv6 addresses by their /56. */
  address: string;
}

/** The trace of a session's last hold on a concert that ran out and was swept. */
export interface RunOutTrace {
  /** When it ran out. */
  expiredAt: number;
  /** Its hard cap; null for a trace written before caps were kept. */
  hardCapAt: number | null;
}

/** For `limit`: every hold that ran out. */
export const ALL_EXPIRED = -1;

/** Shoppers' holds on tickets, and the traces of those that ran out. */
export interface HoldsRepo {
  /** This session's hold on the concert, live or run out but not yet swept. */
  find(sessionId: string, concertId: string): Promise<HoldRecord | undefined>;
  /**
   * Creates the session's hold on the concert, or overwrites its times and address; returns its
   * id.
   */
  save(owner: HoldOwner, times: HoldTimes, expiresAt: number): Promise<number>;
  /**
   * Tickets in the concert's holds live at `now` that were asked for from `address`, but for
   * those of `exceptSessionId`'s own hold.
   */
  heldFromAddress(
    concertId: string,
    address: string,
    now: number,
    exceptSessionId: string,
  ): Promise<number>;
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
  /** The trace of the session's last hold on the concert that ran out and was swept, if kept. */
  lastRunOut(sessionId: string, concertId: string): Promise<RunOutTrace | undefined>;
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

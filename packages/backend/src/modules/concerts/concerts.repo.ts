export interface TierRecord {
  id: number;
  concertId: string;
  code: string;
  name: string;
  priceCents: number;
  currency: string;
  total: number;
  sold: number;
  /** Tickets in holds that are alive at the time of the read. */
  held: number;
  /** Tickets the tier's waiting list asks for and has not been offered yet: kept from sale. */
  waiting: number;
  /** Its seats on the concert's plan, as many as its tickets; 0 for a tier sold by quantity. */
  seats: number;
}

/**
 * When a concert starts and its sales end (epoch milliseconds), the venue's time zone, and what
 * its organizer set for a sale of it.
 */
export interface ConcertSchedule {
  /** The concert as its buyers' messages name it. */
  name: string;
  artist: string;
  venue: string;
  startsAt: number;
  salesEndAt: number;
  timeZone: string;
  /** When sales open: when it was put on sale, unless the organizer set a later time. */
  onSaleAt: number;
  /** The most tickets one buyer may buy; null for no limit. */
  maxTicketsPerBuyer: number | null;
  /** The waiting room's pace, in places let in per minute; null: no waiting room. */
  admitPerMinute: number | null;
  /** When the places of those who joined the waiting room before on-sale were drawn. */
  placesDrawnAt: number | null;
  /** How long an offer to the next on a tier's waiting list holds its tickets, in minutes. */
  offerMinutes: number;
}

/** What an organizer may change of a concert after putting it on sale. */
export interface ConcertSettings {
  maxTicketsPerBuyer: number | null;
  onSaleAt: number;
  admitPerMinute: number | null;
  offerMinutes: number;
}

export interface ConcertRecord extends ConcertSchedule {
  id: string;
  name: string;
  artist: string;
  venue: string;
  tiers: TierRecord[];
}

export interface NewConcert {
  id: string;
  name: string;
  artist: string;
  venue: string;
  startsAt: number;
  /** The start unless given. */
  salesEndAt?: number;
  timeZone: string;
  /** Now unless given. */
  onSaleAt?: number;
  maxTicketsPerBuyer: number | null;
  /** No waiting room unless given. */
  admitPerMinute?: number | null;
  /** 30 unless given. */
  offerMinutes?: number;
  tiers: {
    code: string;
    name: string;
    priceCents: number;
    currency: string;
    total: number;
    /** Its seats on the plan; none (sold by quantity) unless given. */
    seats?: number;
  }[];
}

export interface AvailabilityRecord {
  concertId: string;
  version: number;
  tiers: TierRecord[];
}

export type HoldCountName = 'created' | 'expired' | 'converted';

/** Concerts, their tiers and the tiers' counters of tickets sold and held. */
export interface ConcertsRepo {
  /** The concerts whose sales are open at `now`, soonest first, with availability as of `now`. */
  listOnSale(now: number): Promise<ConcertRecord[]>;
  /** Every concert, past ones too, soonest first, with availability as of `now`. */
  listAll(now: number): Promise<ConcertRecord[]>;
  find(concertId: string, now: number): Promise<ConcertRecord | undefined>;
  /** The concert's counts as of `now` and the version they carry, read in one snapshot. */
  availability(concertId: string, now: number): Promise<AvailabilityRecord | undefined>;
  exists(concertId: string): Promise<boolean>;
  /** When the concert starts and its sales end, and where; undefined if there is no such concert. */
  schedule(concertId: string): Promise<ConcertSchedule | undefined>;
  count(): Promise<number>;

  /**
   * The tiers with their stored held counters, locked against other writers until the
   * transaction ends. After the concert's run-out holds were swept, those counters are exactly
   * the live holds.
   */
  tiersForUpdate(concertId: string): Promise<TierRecord[]>;
  /** Marks a change to the concert's counts; call it inside the transaction that made it. */
  bumpVersion(concertId: string): Promise<void>;
  /**
   * Adds to the concert's lasting counts of holds created, swept after running out, and bought;
   * call it inside the transaction that did so.
   */
  countHolds(concertId: string, counts: Partial<Record<HoldCountName, number>>): Promise<void>;
  /** Changes the concert's settings. */
  updateSettings(concertId: string, settings: ConcertSettings): Promise<void>;
  /** Sets a tier's capacity and price; `CHECK (sold + held <= total)` still guards the stock. */
  updateTier(tierId: number, change: { total: number; priceCents: number }): Promise<void>;
  changeHeld(tierId: number, delta: number): Promise<void>;
  /** Adds `delta` to the tickets the tier's waiting list asks for and was not offered yet. */
  changeWaiting(tierId: number, delta: number): Promise<void>;
  /** Held tickets become sold ones. */
  sellHeld(tierId: number, quantity: number): Promise<void>;
  /** Tickets sold without a hold (the box office), booked in the same transaction. */
  addSold(tierId: number, quantity: number): Promise<void>;
  /** Sold tickets go back on sale: a cancelled booking's, in the same transaction. */
  returnSold(tierId: number, quantity: number): Promise<void>;
  insert(concert: NewConcert, now: number): Promise<void>;
}

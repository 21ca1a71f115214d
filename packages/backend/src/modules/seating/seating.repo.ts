/** One seat of a concert's plan, as stored: `seat` is its place in plan order. */
export interface SeatRow {
  seat: number;
  id: string;
  tierId: number;
  section: string;
  row: string;
  number: string;
}

/** Who has a seat now: a live hold (`holdId`), or a booking. */
export interface SeatClaim {
  seat: number;
  holdId: number | null;
  sold: boolean;
}

/** Seats `from` to `to`, both included, in plan order. */
export interface SeatRange {
  from: number;
  to: number;
}

export const EVERY_SEAT: SeatRange = { from: 0, to: 2 ** 31 - 1 };

export interface SeatClaims {
  version: number;
  claims: SeatClaim[];
}

/**
 * Seating plans and who has each seat. A seat is had by at most one live hold or booking at a
 * time: the key of the claims decides it, in the store's transaction, not a read before a write.
 */
export interface SeatingRepo {
  /** Keeps the concert's plan (its JSON as given) and its seats; with the concert's insert. */
  insertPlan(concertId: string, plan: string, seats: readonly SeatRow[]): Promise<void>;
  /**
   * The concert's plan as stored: null for a concert without one; undefined for no such
   * concert.
   */
  plan(concertId: string): Promise<string | null | undefined>;
  /**
   * The concert's seats held in holds live at `now`, or sold, in plan order (only those in
   * `range` if given), and the version of the concert's availability they are as of, read in
   * one snapshot.
   */
  claims(concertId: string, now: number, range?: SeatRange): Promise<SeatClaims>;
  /**
   * Claims the seats for the hold, each unless another hold or a booking has it already (even
   * a hold that ran out and was not swept yet). Returns the seats it could not claim.
   */
  claim(concertId: string, holdId: number, seats: readonly number[]): Promise<number[]>;
  /** Whether any of the seats is claimed by a hold that ran out by `now`. */
  claimedByRunOut(concertId: string, seats: readonly number[], now: number): Promise<boolean>;
  /** The seats of the hold, in plan order. */
  ofHold(holdId: number): Promise<number[]>;
  /** Gives the hold's seats back (a hold that goes gives them back by itself). */
  releaseHold(holdId: number): Promise<void>;
  /** The hold's seats become the booking's; they go back on sale when it is cancelled. */
  sell(holdId: number, bookingId: string): Promise<void>;
  /**
   * Sells the seats to the booking without a hold (the box office), each unless someone has it
   * already. Returns the seats it could not sell.
   */
  sellUnheld(concertId: string, bookingId: string, seats: readonly number[]): Promise<number[]>;
}

/** A session's place in a concert's waiting room, as stored. */
export interface WaitingRoomEntry {
  concertId: string;
  sessionId: string;
  joinedAt: number;
  /** The random number that orders those who joined before on-sale. */
  draw: number;
  /** From 1; null until the draw for those who joined before on-sale. */
  place: number | null;
}

/**
 * Waiting rooms' places. Every write of a concert's places runs under the concert's lock, as
 * its purchases do, so no two sessions are given one place.
 */
export interface WaitingRoomRepo {
  find(concertId: string, sessionId: string): Promise<WaitingRoomEntry | undefined>;
  insert(entry: WaitingRoomEntry): Promise<void>;
  /** Gives the session's place up. */
  delete(concertId: string, sessionId: string): Promise<void>;
  /**
   * Numbers those who have no place yet from after the last place given, in the order of their
   * draws, and marks the concert's places drawn at `now`.
   */
  drawPlaces(concertId: string, now: number): Promise<void>;
  /** The place after the last one given; 1 if none was. */
  nextPlace(concertId: string): Promise<number>;
  /** How many sessions hold a place in the room. */
  count(concertId: string): Promise<number>;
}

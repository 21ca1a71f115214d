import type { WaitingListStatus } from '@ticket-booking/shared';

/** One entry of a tier's waiting list, as stored. */
export interface WaitingListRecord {
  /** Grows with every entry: the list's order. */
  id: number;
  concertId: string;
  tierId: number;
  sessionId: string;
  email: string;
  /** The email address normalized, as the per-buyer limit counts it. */
  emailKey: string;
  quantity: number;
  joinedAt: number;
  /** LAPSED once stored as such; an OFFERED entry whose offer ran out is lapsed by the clock. */
  status: WaitingListStatus;
  offerToken: string | null;
  offeredAt: number | null;
  offerExpiresAt: number | null;
}

export type NewWaitingListEntry = Pick<
  WaitingListRecord,
  'concertId' | 'tierId' | 'sessionId' | 'email' | 'emailKey' | 'quantity' | 'joinedAt'
>;

/**
 * Tiers' waiting lists. Every write of a tier's list runs under the concert's lock, as the
 * tier's holds and purchases do, so the list's order and the tickets kept for it never race.
 */
export interface WaitingListRepo {
  /** Adds a WAITING entry at the end of its tier's list; returns its id. */
  insert(entry: NewWaitingListEntry): Promise<number>;
  /** The tier's entry that is not over (WAITING or OFFERED) of this session or this email. */
  findOpen(
    tierId: number,
    sessionId: string,
    emailKey: string,
  ): Promise<WaitingListRecord | undefined>;
  /** The session's entries on the concert's lists, LEFT ones aside, oldest first. */
  listForSession(concertId: string, sessionId: string): Promise<WaitingListRecord[]>;
  /** The tier's WAITING entries in the list's order. */
  waiting(tierId: number): Promise<WaitingListRecord[]>;
  /** How many WAITING entries of the tier's list come before entry `id`. */
  countAhead(tierId: number, id: number): Promise<number>;
  findByToken(token: string): Promise<WaitingListRecord | undefined>;
  /** Every entry of the concert's lists, for its organizer: by tier, each in its order. */
  listForConcert(concertId: string): Promise<WaitingListRecord[]>;
  offer(id: number, offer: { token: string; offeredAt: number; expiresAt: number }): Promise<void>;
  setStatus(id: number, status: WaitingListStatus): Promise<void>;
  /** Marks LAPSED the concert's OFFERED entries whose offers ran out by `now`. */
  lapseOffers(concertId: string, now: number): Promise<void>;
  /** The concerts with tickets free (by the stored counters) that a waiting list asks for. */
  concertsWithTicketsToOffer(): Promise<string[]>;
}

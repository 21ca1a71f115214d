import type { Hold, SeatsApart, SeatsTaken, TicketShortfall } from '@ticket-booking/shared';
import { ApiError, messageOf } from '../../../lib/api-client';
import { clockOffsetMs } from '../../../lib/server-clock';
import type { HoldGoneReason } from '../api/holds';
import { seatsApartOf, seatsTakenOf, shortfallsOf, type ChosenTickets } from './hold-items';

/**
 * Why the tickets went: the server said so (the hold ran out, was given back or bought elsewhere,
 * or the concert's sales closed), the time ran out, the shopper went idle, or the server went
 * unheard from for longer than it keeps a silent page's hold.
 */
export type ExpiryReason = HoldGoneReason | 'timeout' | 'inactive' | 'disconnected';

/** The reasons the server gave: its answer already ended the hold. */
const SERVER_SAID: ReadonlySet<ExpiryReason> = new Set<HoldGoneReason>([
  'released',
  'elsewhere',
  'sales-closed',
]);

export type CheckoutState =
  | { status: 'starting' }
  /** No live hold and nothing chosen: a checkout opened from a bookmark, or after a release. */
  | { status: 'no-selection' }
  | { status: 'short'; requested: ChosenTickets; shortfalls: TicketShortfall[] }
  /** Seats picked on the map that other shoppers took first, with seats nearby to offer. */
  | { status: 'seats-taken'; requested: ChosenTickets; seats: SeatsTaken }
  /** "Best available" found too few seats together in a zone. */
  | { status: 'seats-apart'; requested: ChosenTickets; apart: SeatsApart }
  /** `retryable`: false when asking again cannot help (there is no such concert). */
  | { status: 'failed'; message: string; retryable: boolean }
  /** `offsetMs`: how far the server's clock is ahead of this browser's, as of the last answer. */
  | { status: 'held'; hold: Hold; offsetMs: number }
  | { status: 'expired'; reason: ExpiryReason }
  | { status: 'leaving' }
  /** Bought: the booking page takes over. */
  | { status: 'bought' };

export type CheckoutEvent =
  /** Asking again: "Try again", or holding the smaller order a 409 offered. */
  | { type: 'restarted' }
  | { type: 'nothing-chosen' }
  /** The hold was made or resumed; `receivedAt` is when the answer came, by this browser's clock. */
  | { type: 'held'; hold: Hold; receivedAt: number }
  /** Reading or making the hold failed; `requested` is what was asked for, if anything. */
  | { type: 'hold-failed'; error: unknown; requested: ChosenTickets | null }
  /** A heartbeat's answer: the hold's new times and a fresh reading of the server's clock. */
  | { type: 'refreshed'; hold: Hold; receivedAt: number }
  | { type: 'expired'; reason: ExpiryReason }
  /** The shopper cancelled, or went elsewhere in the app. */
  | { type: 'left' }
  /** Paid: the hold became a booking. */
  | { type: 'bought' };

export const initialCheckoutState: CheckoutState = { status: 'starting' };

/** Trying again cannot help once there is no such concert, or its sales are over. */
const FINAL_CODES = new Set(['CONCERT_NOT_FOUND', 'SALES_CLOSED']);

function failed(error: unknown, requested: ChosenTickets | null): CheckoutState {
  const code = error instanceof ApiError ? error.code : undefined;
  const details = error instanceof ApiError ? error.details : undefined;
  const shortfalls = code === 'NOT_ENOUGH_TICKETS' ? shortfallsOf(details) : [];
  if (requested && shortfalls.length > 0) return { status: 'short', requested, shortfalls };
  const seats = code === 'SEATS_TAKEN' ? seatsTakenOf(details) : undefined;
  if (requested && seats) return { status: 'seats-taken', requested, seats };
  const apart = code === 'NO_SEATS_TOGETHER' ? seatsApartOf(details) : undefined;
  if (requested && apart) return { status: 'seats-apart', requested, apart };
  const retryable = !(error instanceof ApiError && FINAL_CODES.has(error.code));
  return { status: 'failed', message: messageOf(error), retryable };
}

function held(hold: Hold, receivedAt: number): CheckoutState {
  return { status: 'held', hold, offsetMs: clockOffsetMs(hold.serverTime, receivedAt) };
}

/**
 * The checkout's next state. Only a live hold can be refreshed, expire or be left: an answer or a
 * timer that arrives after the hold ended changes nothing.
 */
export function checkoutReducer(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  switch (event.type) {
    case 'restarted':
      return { status: 'starting' };
    case 'nothing-chosen':
      return { status: 'no-selection' };
    case 'held':
      return held(event.hold, event.receivedAt);
    case 'hold-failed':
      return failed(event.error, event.requested);
    case 'refreshed':
      return state.status === 'held' ? held(event.hold, event.receivedAt) : state;
    case 'expired':
      return state.status === 'held' ? { status: 'expired', reason: event.reason } : state;
    case 'left':
      return state.status === 'held' ? { status: 'leaving' } : state;
    case 'bought':
      return { status: 'bought' };
  }
}

/**
 * Whether moving from `before` to `after` means this page gives the tickets back: it ended a live
 * hold itself (leaving, time ran out, idle). When the server said the hold is gone, or a payment
 * turned it into a booking, there is nothing left to give back.
 */
export function givesTicketsBack(before: CheckoutState, after: CheckoutState): boolean {
  if (before.status !== 'held') return false;
  if (after.status === 'leaving') return true;
  return after.status === 'expired' && !SERVER_SAID.has(after.reason);
}

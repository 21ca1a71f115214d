import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { holdFixture, NOW } from '../../../test/fixtures';
import {
  checkoutReducer,
  givesTicketsBack,
  initialCheckoutState,
  type CheckoutEvent,
  type CheckoutState,
} from './checkout-state';

const hold = holdFixture();
const heldState: CheckoutState = { status: 'held', hold, offsetMs: 0 };

function run(events: CheckoutEvent[], from: CheckoutState = initialCheckoutState): CheckoutState {
  return events.reduce(checkoutReducer, from);
}

describe('the checkout reducer', () => {
  it('holds the tickets and measures how far the server’s clock is ahead of this browser’s', () => {
    const state = run([{ type: 'held', hold, receivedAt: NOW - 2_000 }]);

    expect(state).toEqual({ status: 'held', hold, offsetMs: 2_000 });
  });

  it('offers what is left when the tickets asked for are not all there', () => {
    const requested = { items: [{ tier: 'vip', quantity: 3 }], seats: [] };
    const shortfalls = [{ tier: 'vip', requested: 3, available: 1 }];
    const error = new ApiError(409, 'NOT_ENOUGH_TICKETS', 'Not enough tickets.', shortfalls);

    expect(run([{ type: 'hold-failed', error, requested }])).toEqual({
      status: 'short',
      requested,
      shortfalls,
    });
  });

  it('names the seats other shoppers took first, with the seats offered instead', () => {
    const requested = { items: [], seats: ['Stalls-B-4', 'Stalls-B-5'] };
    const seat = (row: string, number: string) => ({
      id: `Stalls-${row}-${number}`,
      section: 'Stalls',
      row,
      number,
      label: `Section Stalls, Row ${row}, Seat ${number}`,
    });
    const seats = { taken: [seat('B', '5')], alternatives: [seat('C', '4'), seat('C', '5')] };
    const error = new ApiError(409, 'SEATS_TAKEN', 'Taken.', [seats]);

    expect(run([{ type: 'hold-failed', error, requested }])).toEqual({
      status: 'seats-taken',
      requested,
      seats,
    });
  });

  it('says how many seats are left together when best available finds too few', () => {
    const requested = { items: [{ tier: 'stalls', quantity: 4 }], seats: [] };
    const apart = { tier: 'stalls', requested: 4, together: 3 };
    const error = new ApiError(409, 'NO_SEATS_TOGETHER', 'Apart.', [apart]);

    expect(run([{ type: 'hold-failed', error, requested }])).toEqual({
      status: 'seats-apart',
      requested,
      apart,
    });
  });

  it('tells a seats error it cannot read in the server’s words', () => {
    const requested = { items: [], seats: ['Stalls-B-4'] };
    const error = new ApiError(409, 'SEATS_TAKEN', 'Section Stalls, Row B, Seat 4 was taken.');

    expect(run([{ type: 'hold-failed', error, requested }])).toEqual({
      status: 'failed',
      message: 'Section Stalls, Row B, Seat 4 was taken.',
      retryable: true,
    });
  });

  it('lets the shopper try again after no answer, but not when the concert is gone or its sales closed', () => {
    const network = new ApiError(0, 'NETWORK_ERROR', 'No answer.');
    const missing = new ApiError(404, 'CONCERT_NOT_FOUND', 'There is no such concert.');
    const closed = new ApiError(409, 'SALES_CLOSED', 'Sales closed.');

    expect(run([{ type: 'hold-failed', error: network, requested: null }])).toMatchObject({
      status: 'failed',
      retryable: true,
    });
    expect(run([{ type: 'hold-failed', error: missing, requested: null }])).toEqual({
      status: 'failed',
      message: 'There is no such concert.',
      retryable: false,
    });
    expect(run([{ type: 'hold-failed', error: closed, requested: null }])).toMatchObject({
      retryable: false,
    });
  });

  it('takes the new times and clock reading each heartbeat brings, only while the hold lives', () => {
    const later = holdFixture({ serverTime: new Date(NOW + 30_000).toISOString() });
    const refreshed: CheckoutEvent = { type: 'refreshed', hold: later, receivedAt: NOW + 29_000 };

    expect(run([refreshed], heldState)).toEqual({ status: 'held', hold: later, offsetMs: 1_000 });
    const expired: CheckoutState = { status: 'expired', reason: 'inactive' };
    expect(run([refreshed], expired)).toBe(expired);
  });

  it('ends a live hold once: a late expiry after leaving or buying changes nothing', () => {
    expect(run([{ type: 'left' }, { type: 'expired', reason: 'timeout' }], heldState)).toEqual({
      status: 'leaving',
    });
    expect(run([{ type: 'bought' }, { type: 'expired', reason: 'released' }], heldState)).toEqual({
      status: 'bought',
    });
    expect(run([{ type: 'left' }])).toBe(initialCheckoutState);
  });

  it('starts afresh on "Try again"', () => {
    const failed: CheckoutState = { status: 'failed', message: 'No answer.', retryable: true };

    expect(run([{ type: 'restarted' }], failed)).toEqual({ status: 'starting' });
    expect(run([{ type: 'nothing-chosen' }])).toEqual({ status: 'no-selection' });
  });
});

describe('giving the tickets back', () => {
  it('happens when the page itself ends a live hold: leaving, time ran out, idle, no connection', () => {
    for (const event of [
      { type: 'left' },
      { type: 'expired', reason: 'timeout' },
      { type: 'expired', reason: 'inactive' },
      { type: 'expired', reason: 'disconnected' },
    ] satisfies CheckoutEvent[]) {
      expect(givesTicketsBack(heldState, checkoutReducer(heldState, event))).toBe(true);
    }
  });

  it('does not happen when the server ended the hold, a payment bought it, or nothing was held', () => {
    for (const event of [
      { type: 'expired', reason: 'released' },
      { type: 'expired', reason: 'elsewhere' },
      { type: 'expired', reason: 'sales-closed' },
      { type: 'bought' },
    ] satisfies CheckoutEvent[]) {
      expect(givesTicketsBack(heldState, checkoutReducer(heldState, event))).toBe(false);
    }
    const leaving: CheckoutState = { status: 'leaving' };
    expect(givesTicketsBack(leaving, checkoutReducer(leaving, { type: 'left' }))).toBe(false);
  });
});

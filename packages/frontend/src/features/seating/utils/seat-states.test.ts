import { encodeSeatStates, type SeatChangesEvent, type SeatState } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import { applySeatChanges, applySeatsEvent, isPickable } from './seat-states';

const CONCERT = 'neon-harbor-tidelight';

function changes(
  from: number,
  version: number,
  seats: Partial<Pick<SeatChangesEvent, 'free' | 'held' | 'sold'>>,
): SeatChangesEvent {
  return { concertId: CONCERT, from, version, free: [], held: [], sold: [], ...seats };
}

const FIVE_FREE: SeatState[] = ['free', 'free', 'free', 'free', 'free'];

describe('applySeatChanges', () => {
  it('applies a delta that starts at the version shown, seat by seat', () => {
    const current: SeatState[] = ['held', 'free', 'free', 'sold', 'free'];

    const update = applySeatChanges(current, 7, changes(7, 9, { free: [0], held: [2], sold: [4] }));

    expect(update).toEqual({
      kind: 'applied',
      states: ['free', 'free', 'held', 'sold', 'sold'],
      version: 9,
    });
    // The states shown are not changed in place: React sees a new array.
    expect(current).toEqual(['held', 'free', 'free', 'sold', 'free']);
  });

  it('ignores a delta not newer than the version shown', () => {
    expect(applySeatChanges(FIVE_FREE, 9, changes(7, 9, { held: [1] }))).toEqual({
      kind: 'ignored',
    });
    expect(applySeatChanges(FIVE_FREE, 9, changes(6, 8, { held: [1] }))).toEqual({
      kind: 'ignored',
    });
  });

  it('says changes were missed when a newer delta starts after the version shown', () => {
    expect(applySeatChanges(FIVE_FREE, 7, changes(8, 9, { held: [1] }))).toEqual({
      kind: 'missed',
    });
  });

  it('says changes were missed when a newer delta starts before the version shown', () => {
    // Seats that changed between 5 and 7 and changed back by 9 are not in it.
    expect(applySeatChanges(FIVE_FREE, 7, changes(5, 9, { held: [1] }))).toEqual({
      kind: 'missed',
    });
  });

  it('says the map must be read again when a delta names a seat it does not have', () => {
    expect(applySeatChanges(FIVE_FREE, 7, changes(7, 8, { sold: [5] }))).toEqual({
      kind: 'missed',
    });
  });
});

describe('applySeatsEvent', () => {
  it('reads every seat’s state from a snapshot', () => {
    const states = encodeSeatStates(5, [
      [1, 'held'],
      [3, 'sold'],
    ]);

    expect(applySeatsEvent(5, { concertId: CONCERT, version: 12, seatCount: 5, states })).toEqual({
      kind: 'applied',
      states: ['free', 'held', 'free', 'sold', 'free'],
      version: 12,
    });
  });

  it('says the map must be read again when the snapshot has another number of seats', () => {
    const states = encodeSeatStates(6, []);

    expect(applySeatsEvent(5, { concertId: CONCERT, version: 12, seatCount: 6, states })).toEqual({
      kind: 'missed',
    });
  });
});

describe('isPickable', () => {
  it('lets a shopper pick a free seat and let go of their own, whatever its state', () => {
    expect(isPickable('free', false, false)).toBe(true);
    expect(isPickable('held', false, false)).toBe(false);
    expect(isPickable('sold', false, false)).toBe(false);
    expect(isPickable('held', true, false)).toBe(true);
    expect(isPickable('free', false, true)).toBe(false);
    expect(isPickable('held', true, true)).toBe(false);
  });
});

import {
  encodeSeatStates,
  planSeats,
  type SeatChangesEvent,
  type SeatPlan,
  type SeatState,
} from '@ticket-booking/shared';
import { http, HttpResponse } from 'msw';
import { server } from './server';

/**
 * Serves a concert's seat map at `version`, with the seats named in `taken` (by id) held or sold
 * and the rest free, and counts the requests for it.
 */
export function mockSeatMap({
  concertId,
  plan,
  version = 1,
  taken = {},
}: {
  concertId: string;
  plan: SeatPlan;
  version?: number;
  taken?: Readonly<Record<string, SeatState>>;
}) {
  const asked = { count: 0 };
  const seats = planSeats(plan);
  const states = seats.flatMap((seat): [number, SeatState][] => {
    const state = taken[seat.id];
    return state ? [[seat.index, state]] : [];
  });
  server.use(
    http.get(`/api/concerts/${concertId}/seats`, () => {
      asked.count += 1;
      return HttpResponse.json({
        seatMap: {
          concertId,
          plan,
          seatCount: seats.length,
          version,
          states: encodeSeatStates(seats.length, states),
        },
      });
    }),
  );
  return asked;
}

/** A `seat-changes` event: the seats of `plan` named by id turned `held`, `sold` or `free`. */
export function seatChangesEvent(
  concertId: string,
  plan: SeatPlan,
  { from, version }: { from: number; version: number },
  changes: Partial<Record<'free' | 'held' | 'sold', string[]>>,
): SeatChangesEvent {
  const indexes = new Map(planSeats(plan).map((seat) => [seat.id, seat.index]));
  const of = (ids: string[] = []) => ids.flatMap((id) => indexes.get(id) ?? []);
  return {
    concertId,
    from,
    version,
    free: of(changes.free),
    held: of(changes.held),
    sold: of(changes.sold),
  };
}

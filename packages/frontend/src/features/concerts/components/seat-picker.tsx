import type { ReactNode } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Spinner } from '../../../components/spinner';
import { messageOf } from '../../../lib/api-client';
import { SeatMap, type LiveSeatMap, type SeatMapTier } from '../../seating';

const NO_SEATS: ReadonlySet<string> = new Set();

/**
 * A seated concert's map, to pick seats on, with `children` (the "best available" way) below it.
 * While the map is read it says so; if it cannot be read, why, with a way to try again.
 */
export function SeatPicker({
  concertId,
  seating,
  zones,
  picked,
  onToggle,
  children,
}: {
  concertId: string;
  seating: Pick<LiveSeatMap, 'map' | 'error' | 'refetch'>;
  /** The seated tiers, memoised: a new array redraws every seat. */
  zones: readonly SeatMapTier[];
  picked: ReadonlySet<string>;
  onToggle: (seatId: string) => void;
  children?: ReactNode;
}) {
  const { map, error, refetch } = seating;
  let body: ReactNode = <Spinner label="Loading the seat map…" />;
  if (map) {
    body = (
      <SeatMap
        key={concertId}
        plan={map.plan}
        states={map.states}
        tiers={zones}
        selected={picked}
        own={NO_SEATS}
        onToggle={onToggle}
      />
    );
  } else if (error) {
    body = (
      <Alert
        tone="error"
        title="We could not load the seat map"
        action={
          <Button variant="secondary" onClick={refetch}>
            Try again
          </Button>
        }
      >
        {messageOf(error)}
      </Alert>
    );
  }
  return (
    <section aria-labelledby="seats-heading" className="space-y-4">
      <div>
        <h2 id="seats-heading" className="text-lg font-semibold text-slate-900">
          Choose your seats
        </h2>
        <p className="mt-0.5 text-sm text-slate-600">
          Pick seats on the map, or let us find the best ones together.
        </p>
      </div>
      {body}
      {children}
    </section>
  );
}

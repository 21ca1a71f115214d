import type { Concert, SeatsTaken as SeatsTakenDetails } from '@ticket-booking/shared';
import { useMemo } from 'react';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { Spinner } from '../../../components/spinner';
import { describeSeats, SeatMap, useSeatMap } from '../../seating';
import type { ChosenTickets } from '../utils/hold-items';

const NO_SEATS: ReadonlySet<string> = new Set();

/**
 * The concert's live map with the seats the shopper asked for picked: those taken first show
 * crossed out where they are. Nothing can be picked here; choosing again is the concert page's.
 */
function TakenOnMap({ concert, seats }: { concert: Concert; seats: readonly string[] }) {
  const { map } = useSeatMap(concert.id);
  const zones = useMemo(() => concert.tiers.filter((tier) => tier.seated), [concert.tiers]);
  const asked = useMemo(() => new Set(seats), [seats]);
  if (!map) return <Spinner label="Loading the seat map…" />;
  return (
    <SeatMap
      plan={map.plan}
      states={map.states}
      tiers={zones}
      selected={asked}
      own={NO_SEATS}
      onToggle={() => undefined}
      disabled
    />
  );
}

/**
 * A 409 SEATS_TAKEN on entering checkout: names the seats other shoppers took first, shows them
 * on the map, and offers the seats together nearby that the server found instead, or a way back
 * to choose others, keeping the rest of the order.
 */
export function SeatsTaken({
  requested,
  seats,
  concert,
  concertPath,
  onHold,
}: {
  requested: ChosenTickets;
  seats: SeatsTakenDetails;
  concert: Concert | undefined;
  concertPath: string;
  onHold: (chosen: ChosenTickets) => void;
}) {
  const { taken, alternatives } = seats;
  const takenIds = new Set(taken.map((seat) => seat.id));
  const kept = requested.seats.filter((id) => !takenIds.has(id));
  const [only] = taken;
  const instead = describeSeats(alternatives);
  let title = 'Some of your seats were just taken';
  if (kept.length === 0) {
    title = taken.length === 1 ? 'That seat was just taken' : 'Those seats were just taken';
  }

  return (
    <div className="max-w-3xl space-y-6">
      <div className="max-w-xl">
        <Alert
          tone="warning"
          title={title}
          action={
            <div className="flex flex-wrap gap-3">
              {alternatives.length > 0 && (
                <Button
                  onClick={() => {
                    onHold({ items: requested.items, seats: alternatives.map((seat) => seat.id) });
                  }}
                >
                  Take {instead} instead
                </Button>
              )}
              <ButtonLink
                to={concertPath}
                state={{ items: requested.items, seats: kept }}
                variant={alternatives.length > 0 ? 'secondary' : 'primary'}
              >
                Choose other seats
              </ButtonLink>
            </div>
          }
        >
          {only && taken.length === 1 ? (
            <p>Another shopper got to {only.label} first.</p>
          ) : (
            <>
              <p>Other shoppers got to these seats first:</p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {taken.map((seat) => (
                  <li key={seat.id}>{seat.label}</li>
                ))}
              </ul>
            </>
          )}
          <p className="mt-2">
            {alternatives.length > 0
              ? `We found seats together nearby: ${instead}.`
              : 'There are no seats together nearby now: choose others on the map.'}
          </p>
        </Alert>
      </div>
      {concert && (
        <section aria-labelledby="seats-taken-map" className="space-y-3">
          <h2 id="seats-taken-map" className="text-base font-semibold text-slate-900">
            Where your seats are
          </h2>
          <TakenOnMap concert={concert} seats={requested.seats} />
        </section>
      )}
    </div>
  );
}

import type { Booking, Concert } from '@ticket-booking/shared';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { Spinner } from '../../../components/spinner';
import { formatConcertDate } from '../../../lib/format';
import { useConcert } from '../../concerts';
import { useCheckoutHold } from '../hooks/use-checkout-hold';
import { chosenFromState } from '../utils/hold-items';
import { HeldCheckout } from './held-checkout';
import { HoldExpired } from './hold-expired';
import { NotEnoughTickets } from './not-enough-tickets';
import { SeatsApart } from './seats-apart';
import { SeatsTaken } from './seats-taken';

function ConcertHeading({ concert }: { concert: Concert | undefined }) {
  return (
    <header className="mb-8">
      <p className="text-sm font-semibold text-indigo-600">Checkout</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">
        {concert ? concert.name : 'Your tickets'}
      </h1>
      {concert && (
        <p className="mt-2 text-slate-600">
          {concert.artist} · {concert.venue} · {formatConcertDate(concert)}
        </p>
      )}
    </header>
  );
}

/**
 * The checkout for one concert: holds the tickets chosen on the concert page (router state
 * `{ items, seats }`), keeps the hold alive while the shopper pays, and gives it back on the way
 * out.
 */
export function CheckoutPage({ concertId }: { concertId: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  // What the concert page asked for, read once: replacing the history state later must not
  // start another checkout.
  const [requested] = useState(() => chosenFromState(location.state));
  const { state, retry, holdInstead, refresh, expire, markBought, cancel } = useCheckoutHold(
    concertId,
    requested,
  );
  const concert = useConcert(concertId).data;
  const concertPath = `/concerts/${encodeURIComponent(concertId)}`;

  function handleBought(booking: Booking) {
    markBought();
    void navigate(`/bookings/${encodeURIComponent(booking.id)}`, { state: { booking } });
  }

  return (
    <>
      <ConcertHeading concert={concert} />
      {state.status === 'starting' && <Spinner label="Holding your tickets…" />}
      {state.status === 'leaving' && <Spinner label="Releasing your tickets…" />}
      {state.status === 'bought' && <Spinner label="Opening your booking…" />}
      {state.status === 'no-selection' && (
        <div className="max-w-xl">
          <Alert
            tone="info"
            title="You have no tickets in checkout"
            action={<ButtonLink to={concertPath}>Choose tickets</ButtonLink>}
          >
            Pick the tickets you want on the concert page, and we will hold them here while you pay.
          </Alert>
        </div>
      )}
      {state.status === 'failed' && (
        <div className="max-w-xl">
          <Alert
            tone="error"
            title="We could not hold your tickets"
            action={
              state.retryable ? (
                <div className="flex flex-wrap gap-3">
                  <Button onClick={retry}>Try again</Button>
                  <ButtonLink to={concertPath} variant="secondary">
                    Back to the concert
                  </ButtonLink>
                </div>
              ) : (
                <ButtonLink to="/">See upcoming concerts</ButtonLink>
              )
            }
          >
            {state.message}
          </Alert>
        </div>
      )}
      {state.status === 'short' && (
        <NotEnoughTickets
          requested={state.requested}
          shortfalls={state.shortfalls}
          concert={concert}
          concertPath={concertPath}
          onHold={holdInstead}
        />
      )}
      {state.status === 'seats-taken' && (
        <SeatsTaken
          requested={state.requested}
          seats={state.seats}
          concert={concert}
          concertPath={concertPath}
          onHold={holdInstead}
        />
      )}
      {state.status === 'seats-apart' && (
        <SeatsApart
          requested={state.requested}
          apart={state.apart}
          concert={concert}
          concertPath={concertPath}
          onHold={holdInstead}
        />
      )}
      {state.status === 'expired' && (
        <HoldExpired reason={state.reason} concertPath={concertPath} />
      )}
      {state.status === 'held' && (
        <HeldCheckout
          concertId={concertId}
          hold={state.hold}
          offsetMs={state.offsetMs}
          onRefresh={refresh}
          onExpire={expire}
          onBought={handleBought}
          onCancel={() => void cancel()}
        />
      )}
    </>
  );
}

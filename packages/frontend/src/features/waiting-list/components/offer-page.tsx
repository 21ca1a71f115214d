import type { Booking, Concert, Offer } from '@ticket-booking/shared';
import { useEffect, useEffectEvent, useId, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { Card } from '../../../components/card';
import { Spinner } from '../../../components/spinner';
import { ApiError, messageOf } from '../../../lib/api-client';
import { formatConcertDate, formatMoney } from '../../../lib/format';
import { OrderSummary, PaymentForm } from '../../checkout';
import { useConcert } from '../../concerts';
import { useOffer } from '../api/waiting-list';
import { useBuyOffer } from '../hooks/use-buy-offer';
import { useOfferCountdown } from '../hooks/use-offer-countdown';
import { heldForYou, ticketsOf } from '../utils/entry-text';
import { OfferCountdown } from './offer-countdown';

function OfferHeading({ concert }: { concert: Concert | undefined }) {
  return (
    <header className="mb-8">
      <p className="text-sm font-semibold text-indigo-600">From the waiting list</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">
        {concert ? `${concert.artist} — ${concert.name}` : 'Your tickets'}
      </h1>
      {concert && (
        <p className="mt-2 text-slate-600">
          {formatConcertDate(concert)} · {concert.venue}
        </p>
      )}
    </header>
  );
}

function OfferOver({
  title,
  concertPath,
  children,
  extra,
}: {
  title: string;
  concertPath: string | undefined;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="max-w-xl">
      <Alert
        tone="info"
        title={title}
        action={
          <div className="flex flex-wrap gap-3">
            {concertPath ? (
              <ButtonLink to={concertPath}>Back to the concert</ButtonLink>
            ) : (
              <ButtonLink to="/">See upcoming concerts</ButtonLink>
            )}
            {extra}
          </div>
        }
      >
        {children}
      </Alert>
    </div>
  );
}

/** The offer while it holds its tickets: what they are, the time left, and paying. */
function OpenOffer({
  offer,
  receivedAt,
  onEnded,
}: {
  offer: Offer;
  receivedAt: number;
  onEnded: () => void;
}) {
  const navigate = useNavigate();
  const countdownId = useId();
  const countdown = useOfferCountdown(offer, receivedAt);
  const buy = useBuyOffer({
    token: offer.token,
    onBought: (booking: Booking) => {
      // The same confirmation as after checkout.
      void navigate(`/bookings/${encodeURIComponent(booking.id)}`, { state: { booking } });
    },
    onEnded,
  });
  const totalCents = offer.quantity * offer.unitPriceCents;
  const runOut = countdown.remainingMs <= 0;
  const end = useEffectEvent(onEnded);
  useEffect(() => {
    // A payment under way decides the offer's fate itself; ending it now would undercut it.
    if (runOut && !buy.isPending) end();
  }, [runOut, buy.isPending]);

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
      <aside
        aria-label="Your order"
        className="space-y-4 lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1"
      >
        <OfferCountdown id={countdownId} {...countdown} />
        <OrderSummary
          hold={{
            items: [
              {
                tier: offer.tier,
                name: offer.tierName,
                quantity: offer.quantity,
                unitPriceCents: offer.unitPriceCents,
              },
            ],
            totalCents,
            currency: offer.currency,
          }}
        />
      </aside>
      <Card
        as="section"
        aria-label="Payment details"
        className="p-5 sm:p-8 lg:col-start-1 lg:row-start-1"
      >
        <p className="mb-6 text-slate-700">
          {heldForYou(offer.quantity, offer.tierName)}: tickets came back and you were first on the
          waiting list. Pay for them here; anyone with this link can.
        </p>
        <PaymentForm
          concertId={offer.concertId}
          totalLabel={formatMoney(totalCents, offer.currency)}
          payment={buy}
          payDescribedBy={countdownId}
        />
      </Card>
    </div>
  );
}

/**
 * `/offers/:token`: tickets a waiting list held for a shopper, bought here with the checkout's
 * own form, from any device that has the link. Once the offer is over, says why and leads back.
 */
export function OfferPage({ token }: { token: string }) {
  const offer = useOffer(token);
  const concert = useConcert(offer.data?.concertId ?? '', { enabled: offer.isSuccess }).data;
  // Set when the time ran out here or the server said so on paying, before the refetch says it.
  const [ended, setEnded] = useState(false);
  const { refetch } = offer;
  const concertPath = offer.data && `/concerts/${encodeURIComponent(offer.data.concertId)}`;

  let body: ReactNode;
  if (offer.isPending) body = <Spinner label="Loading your offer…" />;
  else if (offer.isError) {
    const missing = offer.error instanceof ApiError && offer.error.status === 404;
    body = missing ? (
      <OfferOver title="We could not find this offer" concertPath={undefined}>
        The link may be mistyped or cut short: use the whole link from the email.
      </OfferOver>
    ) : (
      <Alert
        tone="error"
        title="We could not load this offer"
        action={
          <Button variant="secondary" onClick={() => void refetch()}>
            Try again
          </Button>
        }
      >
        {messageOf(offer.error)}
      </Alert>
    );
  } else if (offer.data.status === 'BOUGHT') {
    body = (
      <OfferOver
        title="These tickets are bought"
        concertPath={concertPath}
        extra={
          <ButtonLink to="/bookings" variant="secondary">
            My bookings
          </ButtonLink>
        }
      >
        The {ticketsOf(offer.data.quantity, offer.data.tierName)} of this offer were bought. If you
        bought them, they are in My bookings in the browser you paid in.
      </OfferOver>
    );
  } else if (offer.data.status === 'ENDED' || ended) {
    body = (
      <OfferOver title="This offer has ended" concertPath={concertPath}>
        The {ticketsOf(offer.data.quantity, offer.data.tierName)} were held for a limited time and
        have passed to the next in line. You can join the waiting list again on the concert’s page.
      </OfferOver>
    );
  } else {
    body = (
      <OpenOffer
        offer={offer.data}
        receivedAt={offer.dataUpdatedAt}
        onEnded={() => {
          setEnded(true);
          void refetch();
        }}
      />
    );
  }

  return (
    <>
      <OfferHeading concert={concert} />
      {body}
    </>
  );
}

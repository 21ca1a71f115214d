import type { Concert } from '@ticket-booking/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button, ButtonLink } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { ConnectionIndicator } from '../../features/availability/components/connection-indicator';
import { concertKeys, useConcert } from '../../features/concerts/api/concerts';
import { ConcertHeader } from '../../features/concerts/components/concert-header';
import { TicketSelector } from '../../features/concerts/components/ticket-selector';
import { chosenFromState } from '../../features/checkout';
import { useSeatMap } from '../../features/seating';
import { JoinWaitingList } from '../../features/waiting-list/components/join-waiting-list';
import { WaitingListEntries } from '../../features/waiting-list/components/waiting-list-entries';
import { WaitingRoom } from '../../features/waiting-room/components/waiting-room';
import { ApiError, messageOf } from '../../lib/api-client';
import { formatConcertDate, formatVenueTime } from '../../lib/format';
import { usePageTitle } from '../page-title';

/**
 * A concert whose sales are over, reached by its link: what it was, marked as past (or its sales
 * as ended), and no way to buy.
 */
function ConcertOffSale({ concert }: { concert: Concert }) {
  const started = concert.status === 'STARTED';
  return (
    <>
      <ConcertHeader
        concert={concert}
        aside={
          <span className="inline-flex items-center rounded-full bg-slate-100 px-2.5 py-1 text-xs font-semibold text-slate-700 ring-1 ring-slate-300 ring-inset">
            {started ? 'Past concert' : 'Sales ended'}
          </span>
        }
      />
      <div className="max-w-xl">
        <Alert
          tone="info"
          title={started ? 'This concert has already started' : 'Ticket sales have ended'}
          action={<ButtonLink to="/">See upcoming concerts</ButtonLink>}
        >
          {started
            ? `It started on ${formatConcertDate(concert)}, so tickets are no longer sold.`
            : `Sales closed on ${formatVenueTime(concert.salesEndAt, concert.timeZone)}, before the concert.`}
        </Alert>
      </div>
    </>
  );
}

/** Fetches the concert again once its sales open, so that the page moves on by itself. */
function useRefetchAtOnSale(concert: Concert): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (concert.status !== 'SCHEDULED') return undefined;
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: concertKeys.detail(concert.id) }),
      Math.max(0, Date.parse(concert.onSaleAt) - Date.now()) + 500,
    );
    return () => {
      clearTimeout(timer);
    };
  }, [concert.id, concert.onSaleAt, concert.status, queryClient]);
}

/** Before sales open, without a waiting room: when they open, counted down. */
function OnSaleSoon({ concert }: { concert: Concert }) {
  return (
    <div className="max-w-xl">
      <Alert tone="info" title="Not on sale yet">
        Tickets go on sale on {formatVenueTime(concert.onSaleAt, concert.timeZone)}. This page lets
        you buy as soon as they do.
      </Alert>
    </div>
  );
}

/**
 * The page's one availability stream, the seat map's (which reads a map only for a concert with
 * seated tiers, once on sale); everything below gets its counts from here, and the waiting lists
 * learn from its versions when to ask whether tickets came back for the shopper. Checkout sends
 * the shopper back here with what they chose (router state `{ items, seats }`) to choose again.
 */
function ConcertOnSale({ concert }: { concert: Concert }) {
  const seated = concert.tiers.some((tier) => tier.seated);
  const onSale = concert.status === 'ON_SALE';
  const seating = useSeatMap(concert.id, { enabled: seated && onSale });
  const availability = seating.stream;
  const location = useLocation();
  const [initial] = useState(() => chosenFromState(location.state) ?? undefined);
  useRefetchAtOnSale(concert);
  const selector = (
    <TicketSelector
      concert={concert}
      liveTiers={availability.tiers}
      seating={seated ? seating : undefined}
      initial={initial}
      // Seats that come back show on the map for anyone: a seated tier has no waiting list.
      tierExtra={
        onSale
          ? (tier) => (tier.seated ? null : <JoinWaitingList concert={concert} tier={tier} />)
          : undefined
      }
    />
  );
  let body = selector;
  if (concert.waitingRoom) {
    body = (
      <WaitingRoom concert={concert} liveTiers={availability.tiers}>
        {selector}
      </WaitingRoom>
    );
  } else if (concert.status === 'SCHEDULED') {
    body = <OnSaleSoon concert={concert} />;
  }
  return (
    <>
      <ConcertHeader
        concert={concert}
        aside={
          <ConnectionIndicator
            status={availability.status}
            lastUpdated={availability.lastUpdated}
          />
        }
      />
      {onSale && <WaitingListEntries concert={concert} version={availability.version} />}
      {body}
    </>
  );
}

function ConcertNotFound() {
  return (
    <div className="py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">Not found</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">We could not find this concert</h1>
      <p className="mt-3 text-slate-600">
        It may have been taken off sale, or the link may be mistyped.
      </p>
      <ButtonLink to="/" className="mt-6">
        See upcoming concerts
      </ButtonLink>
    </div>
  );
}

export function ConcertRoute() {
  const { concertId = '' } = useParams();
  const concert = useConcert(concertId);
  const notFound = concert.error instanceof ApiError && concert.error.code === 'CONCERT_NOT_FOUND';
  let title: string | undefined;
  if (concert.data) title = concert.data.name;
  else if (concert.isError) title = notFound ? 'Concert not found' : 'Concert';
  usePageTitle(title);

  // Keyed by concert, so moving to another concert starts with an empty selection.
  if (concert.data?.status === 'ON_SALE' || concert.data?.status === 'SCHEDULED') {
    return <ConcertOnSale key={concert.data.id} concert={concert.data} />;
  }
  if (concert.data) return <ConcertOffSale concert={concert.data} />;
  if (concert.isError) {
    if (notFound) return <ConcertNotFound />;
    return (
      <Alert
        tone="error"
        title="We could not load this concert"
        action={
          <Button
            variant="secondary"
            onClick={() => {
              void concert.refetch();
            }}
          >
            Try again
          </Button>
        }
      >
        {messageOf(concert.error)}
      </Alert>
    );
  }
  return <Spinner label="Loading concert…" />;
}

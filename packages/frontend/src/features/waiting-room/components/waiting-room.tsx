import {
  lastAdmittedPlace,
  type AvailabilityTier,
  type Concert,
  type WaitingRoomPlace,
} from '@ticket-booking/shared';
import { useEffect, useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Spinner } from '../../../components/spinner';
import { messageOf } from '../../../lib/api-client';
import { formatCountdown, formatVenueTime } from '../../../lib/format';
import { useJoinWaitingRoom, useLeaveWaitingRoom, useWaitingRoomPlace } from '../api/waiting-room';

/** The server's clock, as this browser reckons it: read each second. */
function useServerNow(serverTime: string | undefined): number {
  const [skew] = useState(() => (serverTime ? Date.parse(serverTime) - Date.now() : 0));
  const [now, setNow] = useState(() => Date.now() + skew);
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now() + skew);
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [skew]);
  return now;
}

function soldOut(tiers: AvailabilityTier[] | null): boolean {
  return tiers !== null && tiers.length > 0 && tiers.every((tier) => tier.available === 0);
}

/** Where a place stands at `now`: the places still ahead and the time left, both from the clock. */
function lineAt(place: WaitingRoomPlace, now: number) {
  const room = { onSaleAt: Date.parse(place.onSaleAt), admitPerMinute: place.admitPerMinute };
  const ahead = Math.max(0, (place.place ?? 0) - lastAdmittedPlace(room, now) - 1);
  const wait = place.admittedAt ? Date.parse(place.admittedAt) - now : 0;
  return { ahead, wait };
}

function Waiting({
  concert,
  place,
  onTurn,
}: {
  concert: Concert;
  place: WaitingRoomPlace;
  onTurn: () => void;
}) {
  const now = useServerNow(place.serverTime);
  const leave = useLeaveWaitingRoom(concert.id);
  const beforeOnSale = place.place === undefined;
  const { ahead, wait } = lineAt(place, now);
  const due = !beforeOnSale && wait <= 0;
  useEffect(() => {
    if (due || (beforeOnSale && now >= Date.parse(place.onSaleAt))) onTurn();
  }, [due, beforeOnSale, now, place.onSaleAt, onTurn]);

  return (
    <Card as="section" aria-labelledby="waiting-room-heading" className="max-w-xl p-5">
      <h2 id="waiting-room-heading" className="text-lg font-semibold">
        You are in the waiting room
      </h2>
      {beforeOnSale ? (
        <p className="mt-2 text-slate-700">
          At {formatVenueTime(place.onSaleAt, concert.timeZone)}, everyone here is given a place in
          line at random: joining early or fast is no advantage.
        </p>
      ) : (
        <p className="mt-2 text-slate-700" aria-live="polite">
          Your place in line: <strong className="tabular-nums">{place.place}</strong>
          {' · '}
          {ahead === 0 ? 'You are next.' : `${ahead} ahead of you.`} About{' '}
          <span className="tabular-nums" role="timer">
            {formatCountdown(wait)}
          </span>{' '}
          to wait.
        </p>
      )}
      <p className="mt-2 text-sm text-slate-600">
        Keep this page open; a reload keeps your place. Shoppers are let in {place.admitPerMinute} a
        minute.
      </p>
      {leave.error && <Alert tone="error">{messageOf(leave.error)}</Alert>}
      <Button
        variant="ghost"
        className="mt-3"
        disabled={leave.isPending}
        onClick={() => {
          leave.mutate();
        }}
      >
        Leave the waiting room
      </Button>
    </Card>
  );
}

/**
 * A concert that sells through a waiting room: join it, wait for the place to be let in, then
 * `children` (the ticket selector). When the show sells out, everyone waiting is told at once,
 * from the page's availability stream, and shown the tiers, whose waiting lists they may join:
 * with nothing left to buy, the room has nothing left to keep fair.
 */
export function WaitingRoom({
  concert,
  liveTiers,
  children,
}: {
  concert: Concert;
  liveTiers: AvailabilityTier[] | null;
  children: React.ReactNode;
}) {
  const place = useWaitingRoomPlace(concert.id);
  const join = useJoinWaitingRoom(concert.id);
  const { refetch } = place;

  if (place.data?.state === 'ADMITTED') return <>{children}</>;
  if (soldOut(liveTiers)) {
    return (
      <>
        <Alert tone="info" title="Sold out">
          Every ticket is sold or held right now. Join a tier’s waiting list below: tickets that
          come back are offered to those waiting, in turn.
        </Alert>
        {children}
      </>
    );
  }
  if (place.isPending) return <Spinner label="Finding your place…" />;
  if (place.isError) return <Alert tone="error">{messageOf(place.error)}</Alert>;
  if (place.data) {
    return (
      <Waiting
        key={`${place.data.place ?? 'early'}-${place.data.serverTime}`}
        concert={concert}
        place={place.data}
        onTurn={() => void refetch()}
      />
    );
  }
  return (
    <Card as="section" aria-labelledby="waiting-room-heading" className="max-w-xl p-5">
      <h2 id="waiting-room-heading" className="text-lg font-semibold">
        This concert sells through a waiting room
      </h2>
      <p className="mt-2 text-slate-700">
        {concert.status === 'SCHEDULED'
          ? `Join before ${formatVenueTime(concert.onSaleAt, concert.timeZone)}: at on-sale, everyone who has joined gets a place in line at random.`
          : 'Join the line: you are let in to buy when your turn comes.'}
      </p>
      {join.error && <Alert tone="error">{messageOf(join.error)}</Alert>}
      <Button
        className="mt-4"
        disabled={join.isPending}
        aria-busy={join.isPending}
        onClick={() => {
          join.mutate();
        }}
      >
        Join the waiting room
      </Button>
    </Card>
  );
}

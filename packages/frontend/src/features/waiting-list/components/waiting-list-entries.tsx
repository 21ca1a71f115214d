import type { Concert, WaitingListEntry } from '@ticket-booking/shared';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button, ButtonLink } from '../../../components/button';
import { Card } from '../../../components/card';
import { messageOf } from '../../../lib/api-client';
import { formatCountdown } from '../../../lib/format';
import { useRefetchOnChange } from '../../../lib/use-refetch-on-change';
import { LiveAnnouncer } from '../../availability';
import { isUrgent } from '../../checkout';
import { isActiveEntry, useLeaveWaitingList, useWaitingListEntries } from '../api/waiting-list';
import { useOfferCountdown } from '../hooks/use-offer-countdown';
import { waitingListAnnouncements } from '../utils/announcements';
import { aheadText, heldForYou, ticketsOf, tierNameOf } from '../utils/entry-text';

/**
 * Asked again at most this often while the page's counts move: enough for an offer to show
 * within a second of the tickets coming back, without a request per sale of a busy concert.
 */
const REFETCH_MS = 1_000;

/** The waiting lists ordered as the concert's tiers are. */
function byTierOrder(entries: readonly WaitingListEntry[], concert: Concert): WaitingListEntry[] {
  const order = new Map(concert.tiers.map((tier, index) => [tier.code, index]));
  return entries
    .filter((entry) => entry.status !== 'LEFT')
    .toSorted((a, b) => (order.get(a.tier) ?? 0) - (order.get(b.tier) ?? 0));
}

function OfferedEntry({
  concert,
  entry,
  receivedAt,
  onEnded,
}: {
  concert: Concert;
  entry: WaitingListEntry & { offer: NonNullable<WaitingListEntry['offer']> };
  receivedAt: number;
  onEnded: () => void;
}) {
  const { offer } = entry;
  const name = tierNameOf(entry, concert);
  const { remainingMs, endsAtLabel } = useOfferCountdown(offer, receivedAt);
  const leave = useLeaveWaitingList(concert.id);
  const ended = remainingMs <= 0;
  const urgent = isUrgent(remainingMs);
  const end = useEffectEvent(onEnded);
  useEffect(() => {
    // The server decides what happens next (the next in line); ask it once the time is up.
    if (ended) end();
  }, [ended]);

  return (
    <Card as="li" className="p-5 ring-2 ring-emerald-500">
      <h3 className="text-lg font-semibold text-slate-900">{heldForYou(offer.quantity, name)}</h3>
      {ended ? (
        <p className="mt-2 text-slate-700">Your offer is ending…</p>
      ) : (
        <>
          <p className="mt-2 text-slate-700">
            They came back and you are first in line for them. Buy them before {endsAtLabel}, or
            they pass to the next in line.
          </p>
          <p className="mt-2 text-sm font-medium text-slate-900">
            Time left:{' '}
            <span
              role="timer"
              className={`text-base font-bold tabular-nums ${urgent ? 'text-rose-700' : 'text-emerald-800'}`}
            >
              {formatCountdown(remainingMs)}
            </span>
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <ButtonLink to={`/offers/${encodeURIComponent(offer.token)}`}>Buy them</ButtonLink>
            <Button
              variant="ghost"
              disabled={leave.isPending}
              aria-busy={leave.isPending}
              onClick={() => {
                leave.mutate(entry.tier);
              }}
            >
              No thanks, give them up
            </Button>
          </div>
        </>
      )}
      {leave.error && <Alert tone="error">{messageOf(leave.error)}</Alert>}
    </Card>
  );
}

function WaitingEntry({ concert, entry }: { concert: Concert; entry: WaitingListEntry }) {
  const leave = useLeaveWaitingList(concert.id);
  const name = tierNameOf(entry, concert);
  return (
    <Card as="li" className="p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-900">
          You’re on the waiting list for {entry.quantity} × {name}
          {aheadText(entry.ahead)}
        </p>
        <Button
          variant="secondary"
          aria-label={`Leave the waiting list for ${name}`}
          disabled={leave.isPending}
          aria-busy={leave.isPending}
          onClick={() => {
            leave.mutate(entry.tier);
          }}
        >
          Leave
        </Button>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        When tickets come back, they are held for you for {concert.offerMinutes} minutes: this page
        shows it at once, and we email {entry.email} a link to buy them.
      </p>
      {leave.error && <Alert tone="error">{messageOf(leave.error)}</Alert>}
    </Card>
  );
}

function EndedEntry({ concert, entry }: { concert: Concert; entry: WaitingListEntry }) {
  const name = tierNameOf(entry, concert);
  return (
    <Card as="li" className="p-4">
      <p className="font-semibold text-slate-900">Your offer ended</p>
      <p className="mt-1 text-sm text-slate-700">
        The {ticketsOf(entry.quantity, name)} held for you were not bought in time and passed to the
        next in line. You can join the waiting list again.
      </p>
    </Card>
  );
}

function BoughtEntry({ concert, entry }: { concert: Concert; entry: WaitingListEntry }) {
  const name = tierNameOf(entry, concert);
  return (
    <Card as="li" className="p-4">
      <p className="text-sm text-slate-700">
        You bought the {ticketsOf(entry.quantity, name)} held for you from the waiting list.{' '}
        <ButtonLink to="/bookings" variant="ghost">
          My bookings
        </ButtonLink>
      </p>
    </Card>
  );
}

/**
 * This browser's places on the concert's waiting lists. Fetched as the page opens and again as
 * the concert's counts move (`version`, from the page's availability stream): tickets coming
 * back change the counts, so an offer shows up here, and is announced, the moment it is made.
 */
export function WaitingListEntries({
  concert,
  version,
}: {
  concert: Concert;
  version: number | null;
}) {
  const entries = useWaitingListEntries(concert.id);
  const { data, dataUpdatedAt, refetch } = entries;
  // Only a shopper still waiting (or holding an offer) has news to expect from the counts.
  const watching = data?.some(isActiveEntry) ?? false;
  useRefetchOnChange(watching ? version : null, () => void refetch(), REFETCH_MS);

  // Compared with the last entries while rendering, as the availability changes are.
  const [seen, setSeen] = useState<readonly WaitingListEntry[] | undefined>(undefined);
  const [announcements, setAnnouncements] = useState<{ key: string; text: string }[]>([]);
  if (data !== seen) {
    setSeen(data);
    setAnnouncements(waitingListAnnouncements(seen, data, concert));
  }

  const shown = useMemo(() => byTierOrder(data ?? [], concert), [data, concert]);

  return (
    <>
      {shown.length > 0 && (
        <section aria-labelledby="waiting-list-heading" className="mb-8">
          <h2 id="waiting-list-heading" className="text-base font-semibold text-slate-900">
            Your waiting lists
          </h2>
          <ul className="mt-3 space-y-3">
            {shown.map((entry) => {
              if (entry.status === 'OFFERED' && entry.offer) {
                return (
                  <OfferedEntry
                    key={`${entry.tier}-${entry.offer.token}`}
                    concert={concert}
                    entry={{ ...entry, offer: entry.offer }}
                    receivedAt={dataUpdatedAt}
                    onEnded={() => void refetch()}
                  />
                );
              }
              if (entry.status === 'LAPSED') {
                return <EndedEntry key={entry.tier} concert={concert} entry={entry} />;
              }
              if (entry.status === 'BOUGHT') {
                return <BoughtEntry key={entry.tier} concert={concert} entry={entry} />;
              }
              return <WaitingEntry key={entry.tier} concert={concert} entry={entry} />;
            })}
          </ul>
        </section>
      )}
      <LiveAnnouncer announcements={announcements} label="Waiting list updates" />
    </>
  );
}

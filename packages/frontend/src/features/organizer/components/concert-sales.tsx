import type {
  AvailabilityTier,
  ConcertSales,
  OrganizerWaitingList,
  TierSales,
} from '@ticket-booking/shared';
import { useEffect, useState } from 'react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Card } from '../../../components/card';
import { Spinner } from '../../../components/spinner';
import { ApiError, messageOf } from '../../../lib/api-client';
import { formatCount, formatMoney } from '../../../lib/format';
import { ConnectionIndicator } from '../../availability';
import { useSeatMap, type LiveSeatMap } from '../../seating';
import { OrganizerWaitingListSection, useOrganizerWaitingList } from '../../waiting-list';
import { useConcertSales, useOrganizerConcerts } from '../api/organizer';
import { useRefetchOnChange } from '../../../lib/use-refetch-on-change';
import { BuyerLimitEditor } from './buyer-limit-editor';
import { OfferMinutesEditor } from './offer-minutes-editor';
import { SalesChart } from './sales-chart';
import { SalesSeatMap } from './sales-seat-map';
import { TierBar } from './tier-bar';
import { TierEditor } from './tier-editor';

/** Revenue and hold outcomes change with the counts, but need not be fetched on every change. */
const SALES_REFETCH_MS = 2_000;

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card className="p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight">{value}</dd>
    </Card>
  );
}

/** Of the tickets sold, the share let in at the doors so far. */
function checkedInShare(checkedIn: number, sold: number): number {
  return sold === 0 ? 0 : Math.min(1, checkedIn / sold);
}

/** How many of `sold` were let in, e.g. `3 of 4 sold (75%)`. */
function checkedInText(checkedIn: number, sold: number): string {
  const share = sold === 0 ? '' : ` (${percent.format(checkedInShare(checkedIn, sold))})`;
  return `${checkedIn.toLocaleString()} of ${sold.toLocaleString()} sold${share}`;
}

function CheckedIn({ label, checkedIn, sold }: { label: string; checkedIn: number; sold: number }) {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span>Checked in: {checkedInText(checkedIn, sold)}</span>
      <progress
        aria-label={`${label} checked in`}
        max={Math.max(1, sold)}
        value={Math.min(checkedIn, sold)}
        className="h-2 w-32 appearance-none overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-emerald-600 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-emerald-600"
      />
    </div>
  );
}

function TierRow({
  concertId,
  tier,
  live,
  token,
}: {
  concertId: string;
  tier: TierSales;
  live: AvailabilityTier | undefined;
  token: string;
}) {
  const [editing, setEditing] = useState(false);
  // The stream's counts are newer than the last fetched figures whenever it has any.
  const { total, sold, held, available } = live ?? tier;
  // A seated tier's capacity is its seats on the plan.
  const changeWords = tier.seated ? 'Change price' : 'Change capacity or price';
  return (
    <Card as="li" className="p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{tier.name}</h3>
        <p className="text-sm text-slate-600">
          {formatMoney(tier.priceCents, tier.currency)} · {formatCount(total, 'ticket', 'tickets')}
        </p>
      </div>
      <div className="mt-3">
        <TierBar label={tier.name} sold={sold} held={held} available={available} />
      </div>
      <p className="mt-2 flex flex-wrap gap-x-4 text-sm">
        <span>
          <span
            aria-hidden="true"
            className="mr-1 inline-block size-2 rounded-full bg-indigo-600"
          />
          {sold} sold
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-amber-400" />
          {held} held
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block size-2 rounded-full bg-slate-300" />
          {available} available
        </span>
      </p>
      <CheckedIn label={tier.name} checkedIn={tier.checkedIn} sold={sold} />
      <p className="mt-1 text-sm text-slate-600">
        Revenue {formatMoney(tier.revenueCents, tier.currency)} ·{' '}
        {formatCount(tier.liveHolds, 'live hold', 'live holds')}
      </p>
      {editing ? (
        <TierEditor
          concertId={concertId}
          tier={{ ...tier, total }}
          token={token}
          onDone={() => {
            setEditing(false);
          }}
        />
      ) : (
        <Button
          variant="ghost"
          className="mt-2"
          // Says which tier, after the words shown: a name must contain what is seen of it.
          aria-label={`${changeWords} of ${tier.name}`}
          onClick={() => {
            setEditing(true);
          }}
        >
          {changeWords}
        </Button>
      )}
    </Card>
  );
}

function SalesFigures({
  sales,
  liveTiers,
  token,
  offerMinutes,
  waitingList,
  seatMap,
}: {
  sales: ConcertSales;
  liveTiers: AvailabilityTier[] | null;
  /** A seated concert's seats, kept live; undefined for one sold by tier only. */
  seatMap: LiveSeatMap['map'];
  token: string;
  /** Unknown until the concert is in. */
  offerMinutes: number | undefined;
  waitingList: { data: OrganizerWaitingList | undefined; error: Error | null };
}) {
  const { holds } = sales;
  const liveOf = (tier: TierSales) => liveTiers?.find((live) => live.code === tier.code);
  let checkedIn = 0;
  let sold = 0;
  for (const tier of sales.tiers) {
    checkedIn += tier.checkedIn;
    sold += (liveOf(tier) ?? tier).sold;
  }
  return (
    <div className="space-y-8">
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label="Revenue" value={formatMoney(sales.revenueCents, sales.currency)} />
        <Figure label="Conversion" value={percent.format(holds.conversionRate)} />
        <Figure
          label="Holds"
          value={`${holds.converted} bought · ${holds.expired} expired · ${holds.created} started`}
        />
        <Figure label="Checked in" value={checkedInText(checkedIn, sold)} />
      </dl>
      <div className="space-y-2">
        <BuyerLimitEditor
          concertId={sales.concertId}
          maxTicketsPerBuyer={sales.maxTicketsPerBuyer}
          token={token}
        />
        {offerMinutes !== undefined && (
          <OfferMinutesEditor
            concertId={sales.concertId}
            offerMinutes={offerMinutes}
            token={token}
          />
        )}
      </div>
      <section aria-labelledby="tiers-heading">
        <h2 id="tiers-heading" className="text-xl font-semibold">
          Tiers
        </h2>
        <ul className="mt-3 space-y-3">
          {sales.tiers.map((tier) => (
            <TierRow
              key={tier.code}
              concertId={sales.concertId}
              tier={tier}
              live={liveOf(tier)}
              token={token}
            />
          ))}
        </ul>
      </section>
      {seatMap && <SalesSeatMap plan={seatMap.plan} states={seatMap.states} tiers={sales.tiers} />}
      <OrganizerWaitingListSection
        list={waitingList.data}
        error={waitingList.error}
        tierNames={new Map(sales.tiers.map((tier) => [tier.code, tier.name]))}
        timeZone={sales.timeZone}
      />
      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading" className="text-xl font-semibold">
          Sales over time
        </h2>
        <div className="mt-3">
          <SalesChart buckets={sales.buckets} currency={sales.currency} timeZone={sales.timeZone} />
        </div>
      </section>
    </div>
  );
}

/**
 * A concert's sales as they happen: the counts come live from the availability stream, revenue
 * and hold outcomes from the organizer's sales figures and the waiting list, both fetched again
 * as the counts move; the figures also every few seconds, for the check-ins at the doors. A
 * seated concert's seats follow the same stream on its map.
 */
export function ConcertSalesView({
  concertId,
  token,
  onUnauthorized,
}: {
  concertId: string;
  token: string;
  onUnauthorized: () => void;
}) {
  // Its stream is the page's one: the seat events of a seated concert come on it with the counts.
  const { map: seatMap, stream } = useSeatMap(concertId);
  const sales = useConcertSales(concertId, token);
  const waitingList = useOrganizerWaitingList(concertId, token);
  const concert = useOrganizerConcerts(token).data?.find((c) => c.id === concertId);
  const { refetch } = sales;
  const { refetch: refetchWaitingList } = waitingList;
  useRefetchOnChange(
    stream.version,
    () => {
      void refetch();
      void refetchWaitingList();
    },
    SALES_REFETCH_MS,
  );

  const unauthorized = sales.error instanceof ApiError && sales.error.code === 'UNAUTHORIZED';
  useEffect(() => {
    // The server's token changed since sign-in: ask for the new one.
    if (unauthorized) onUnauthorized();
  }, [unauthorized, onUnauthorized]);

  return (
    <div>
      <div className="mb-6 flex justify-end">
        <ConnectionIndicator status={stream.status} lastUpdated={stream.lastUpdated} />
      </div>
      {sales.data ? (
        <SalesFigures
          sales={sales.data}
          liveTiers={stream.tiers}
          token={token}
          offerMinutes={concert?.offerMinutes ?? waitingList.data?.offerMinutes}
          waitingList={waitingList}
          seatMap={seatMap}
        />
      ) : sales.isError ? (
        <Alert tone="error" title="We could not load the sales">
          {messageOf(sales.error)}
        </Alert>
      ) : (
        <Spinner label="Loading sales…" />
      )}
    </div>
  );
}
